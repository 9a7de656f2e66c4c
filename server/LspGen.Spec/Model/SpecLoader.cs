using System.Globalization;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Model;

/// <summary>The spec model read from a syntax tree, and what was wrong with its shape.</summary>
public sealed record LoadResult(SpecDocument Document, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Syntax tree → <see cref="SpecDocument"/>. Checks shape only: unknown keys (LSG002), value kinds
/// (LSG003), required keys (LSG004) and spec_version (LSG006); meaning is the validator's job.
/// Tolerant: whatever can be read is kept, so a half-typed spec still yields a partial model. Keys of a
/// mapping cut short by a syntax error are not reported as missing (the syntax error says it all).
/// Scalars follow the YAML 1.2 core schema: only plain true/false (any case of the first letter, or all
/// caps) are booleans – "yes", "on" and quoted "true" are not.
/// </summary>
public static class SpecLoader
{
    public static LoadResult Load(SyntaxTree tree)
    {
        var reader = new Reader(tree);
        return new LoadResult(reader.ReadDocument(), reader.Diagnostics);
    }

    private sealed class Reader(SyntaxTree tree)
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        public SpecDocument ReadDocument()
        {
            var range = tree.FullRange;
            var firstLine = tree.Root is null ? SourceRange.At(0, 0) : tree.Lines.RestOfLine(tree.Root.Range.Start);
            if (tree.Root is not MappingNode root)
            {
                if (tree.Root is not null && tree.Root is not AliasNode && !(tree.Root is ScalarNode { IsNull: true }))
                    WrongKind("The spec", SpecValueKind.Mapping, tree.Root, "; start with 'spec_version: \"1.0\"'");
                else if (!tree.HasSyntaxErrors)
                    Diagnostics.Add(Diagnostic.Create(Descriptors.UnsupportedSpecVersion, firstLine, "The spec is empty"));
                return SpecDocument.Empty(SourceKind.Yaml, range);
            }

            var keys = ReadKeys(root, SpecKeys.TopLevel, "the spec", firstLine, skipRequired: "spec_version");
            var specVersion = ReadSpecVersion(keys, root, firstLine);
            var projectName = ReadString(keys, "project_name");
            var description = ReadString(keys, "description");
            var database = keys.MappingOf("database", this) is { } db ? ReadDatabase(db, keys.Ranges["database"]) : null;
            var auth = keys.MappingOf("auth", this) is { } au ? ReadAuth(au, keys.Ranges["auth"]) : null;
            var entities = ReadList(keys, "entities", "entity", ReadEntity);
            if (keys.TryGetEntry("entities", out var entitiesEntry)
                && entitiesEntry.Value is SequenceNode { Items.Count: 0 } or ScalarNode { IsNull: true })
                Diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue,
                    entitiesEntry.Value is SequenceNode ? entitiesEntry.Value.Range : entitiesEntry.Key.Range, "entities",
                    "the list is empty; declare at least one entity with a name and fields"));
            var stories = ReadList(keys, "user_stories", "user story", ReadUserStory);
            var integrations = ReadList(keys, "integrations", "integration", ReadIntegration);
            return new SpecDocument(SourceKind.Yaml, specVersion, projectName, description, database, auth,
                entities ?? [], stories ?? [], integrations ?? [], range) { KeyRanges = keys.Ranges };
        }

        private Located<string>? ReadSpecVersion(KnownKeys keys, MappingNode root, SourceRange firstLine)
        {
            if (!keys.TryGetEntry("spec_version", out var entry))
            {
                if (root.IsComplete)
                    Diagnostics.Add(Diagnostic.Create(Descriptors.UnsupportedSpecVersion, firstLine, "spec_version is missing")
                        .WithData("replacement", "spec_version: \"1.0\""));
                return null;
            }
            if (entry.Value is not ScalarNode { IsNull: false } scalar)
            {
                if (entry.Value is not null and not AliasNode)
                    Diagnostics.Add(Diagnostic.Create(Descriptors.UnsupportedSpecVersion, entry.Value.Range, "spec_version has no version in it")
                        .WithData("replacement", "\"1.0\""));
                return null;
            }
            if (scalar.Value == "1.0" && !scalar.IsQuoted)
                Diagnostics.Add(Diagnostic.Create(Descriptors.UnsupportedSpecVersion, scalar.Range,
                        "spec_version 1.0 is written as a number, which YAML reads as a float; quote it")
                    .WithSeverity(Severity.Warning).WithData("replacement", "\"1.0\""));
            else if (scalar.Value != "1.0")
                Diagnostics.Add(Diagnostic.Create(Descriptors.UnsupportedSpecVersion, scalar.Range,
                        FormattableString.Invariant($"spec_version '{Short(scalar.Value)}' is not supported"))
                    .WithData("replacement", "\"1.0\""));
            return new Located<string>(scalar.Value, scalar.Range);
        }

        private DatabaseSpec ReadDatabase(MappingNode map, SourceRange keyRange)
        {
            var keys = ReadKeys(map, SpecKeys.Database, "'database'", keyRange);
            return new DatabaseSpec(ReadString(keys, "type"), ReadString(keys, "version"), map.Range) { KeyRanges = keys.Ranges };
        }

        private AuthSpec ReadAuth(MappingNode map, SourceRange keyRange)
        {
            var keys = ReadKeys(map, SpecKeys.Auth, "'auth'", keyRange);
            return new AuthSpec(ReadBool(keys, "enabled"), ReadString(keys, "type"), ReadInteger(keys, "access_token_expiry_minutes"), map.Range)
            { KeyRanges = keys.Ranges };
        }

        private EntitySpec ReadEntity(MappingNode map)
        {
            var keys = ReadKeys(map, SpecKeys.Entity, "an entity", ItemAnchor(map));
            var fields = ReadList(keys, "fields", "field", ReadField) ?? [];
            return new EntitySpec(RequiredString(keys, "name", map), ReadString(keys, "table_name"), ReadBool(keys, "crud"),
                ReadString(keys, "description"), fields, map.Range) { KeyRanges = keys.Ranges, RenamedFrom = ReadString(keys, "renamed_from") };
        }

        private FieldSpec ReadField(MappingNode map)
        {
            var keys = ReadKeys(map, SpecKeys.Field, "a field", ItemAnchor(map));
            return new FieldSpec(RequiredString(keys, "name", map), RequiredString(keys, "type", map),
                ReadBool(keys, "primary_key"), ReadBool(keys, "nullable"), ReadBool(keys, "unique"), ReadBool(keys, "index"),
                ReadInteger(keys, "max_length"), ReadScalar(keys, "default"), ReadString(keys, "references"),
                ReadString(keys, "description"), map.Range) { KeyRanges = keys.Ranges, RenamedFrom = ReadString(keys, "renamed_from") };
        }

        private UserStorySpec ReadUserStory(MappingNode map)
        {
            var keys = ReadKeys(map, SpecKeys.UserStory, "a user story", ItemAnchor(map));
            return new UserStorySpec(RequiredString(keys, "role", map), RequiredString(keys, "goal", map), ReadString(keys, "benefit"), map.Range)
            { KeyRanges = keys.Ranges };
        }

        private IntegrationSpec ReadIntegration(MappingNode map)
        {
            var keys = ReadKeys(map, SpecKeys.Integration, "an integration", ItemAnchor(map));
            return new IntegrationSpec(RequiredString(keys, "name", map), ReadString(keys, "purpose"), map.Range) { KeyRanges = keys.Ranges };
        }

        private SourceRange ItemAnchor(MappingNode item) => tree.Lines.RestOfLine(item.Range.Start);

        /// <summary>
        /// The known keys of a mapping (first occurrence wins; duplicates are LSG007 already), in document
        /// order; it is also the model's KeyRanges. A mapping has at most one entry per allowed key (about
        /// ten), so a small array searched in order is cheaper than two dictionaries per mapping, which
        /// were over half of what loading a large spec allocated.
        /// </summary>
        private sealed class KnownKeys(int capacity) : IReadOnlyDictionary<string, SourceRange>
        {
            private readonly MappingEntry[] _entries = capacity == 0 ? [] : new MappingEntry[capacity];
            private int _count;

            public IReadOnlyDictionary<string, SourceRange> Ranges => this;

            public bool TryGetEntry(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MappingEntry? entry)
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_entries[i].KeyText != key) continue;
                    entry = _entries[i];
                    return true;
                }
                entry = null;
                return false;
            }

            public void TryAdd(MappingEntry entry)
            {
                if (!ContainsKey(entry.KeyText!)) _entries[_count++] = entry;
            }

            public MappingNode? MappingOf(string key, Reader reader)
            {
                if (!TryGetEntry(key, out var entry) || entry.Value is null or AliasNode) return null;
                if (entry.Value is MappingNode map) return map;
                reader.WrongKind(Quote(key), SpecValueKind.Mapping, entry.Value, "");
                return null;
            }

            public int Count => _count;

            public SourceRange this[string key] => TryGetValue(key, out var range) ? range : throw new KeyNotFoundException(key);

            public IEnumerable<string> Keys => this.Select(pair => pair.Key);

            public IEnumerable<SourceRange> Values => this.Select(pair => pair.Value);

            public bool ContainsKey(string key) => TryGetEntry(key, out _);

            public bool TryGetValue(string key, out SourceRange value)
            {
                var found = TryGetEntry(key, out var entry);
                value = found ? entry!.Key.Range : default;
                return found;
            }

            public IEnumerator<KeyValuePair<string, SourceRange>> GetEnumerator()
            {
                for (var i = 0; i < _count; i++) yield return new(_entries[i].KeyText!, _entries[i].Key.Range);
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        private KnownKeys ReadKeys(MappingNode map, IReadOnlyList<SpecKey> allowed, string where, SourceRange missingAnchor, string? skipRequired = null)
        {
            var keys = new KnownKeys(Math.Min(map.Entries.Count, allowed.Count));
            foreach (var entry in map.Entries)
            {
                if (entry.KeyText is not { } key)
                {
                    if (entry.Key is not AliasNode)
                        Diagnostics.Add(Diagnostic.Create(Descriptors.WrongValueKind, entry.Key.Range, "A key", "a plain name", Describe(entry.Key), ""));
                    continue;
                }
                if (!IsAllowed(key, allowed))
                {
                    ReportUnknownKey(entry.Key.Range, key, allowed, where);
                    continue;
                }
                keys.TryAdd(entry);
            }
            if (map.IsComplete)
            {
                foreach (var required in allowed)
                {
                    if (required.Required && required.Name != skipRequired && !keys.ContainsKey(required.Name))
                        Diagnostics.Add(Diagnostic.Create(Descriptors.MissingKey, missingAnchor, required.Name, where, required.Example));
                }
            }
            return keys;
        }

        private static bool IsAllowed(string key, IReadOnlyList<SpecKey> allowed)
        {
            for (var i = 0; i < allowed.Count; i++)
            {
                if (allowed[i].Name == key) return true;
            }
            return false;
        }

        private void ReportUnknownKey(SourceRange range, string key, IReadOnlyList<SpecKey> allowed, string where)
        {
            var names = allowed.Select(k => k.Name).ToList();
            var suggestion = SpecKeys.Aliases.TryGetValue(key, out var alias) && names.Contains(alias)
                ? alias
                : Suggestions.Nearest(key, names);
            var hint = suggestion is null
                ? " Allowed keys: " + string.Join(", ", names) + "."
                : FormattableString.Invariant($" Did you mean '{suggestion}'?");
            var diagnostic = Diagnostic.Create(Descriptors.UnknownKey, range, Short(key), where, hint);
            Diagnostics.Add(suggestion is null ? diagnostic : diagnostic.WithData("replacement", suggestion));
        }

        private List<T>? ReadList<T>(KnownKeys keys, string key, string itemName, Func<MappingNode, T> readItem)
        {
            if (!keys.TryGetEntry(key, out var entry) || entry.Value is null or AliasNode) return null;
            if (entry.Value is not SequenceNode seq)
            {
                if (entry.Value is ScalarNode { IsNull: true }) return [];
                WrongKind(Quote(key), SpecValueKind.List, entry.Value, "; write one '- " + itemName + "' item per line below it");
                return null;
            }
            var items = new List<T>(seq.Items.Count);
            foreach (var item in seq.Items)
            {
                if (item is MappingNode map) items.Add(readItem(map));
                else if (item is not AliasNode)
                    WrongKind("Each item of " + Quote(key), SpecValueKind.Mapping, item, "");
            }
            return items;
        }

        /// <summary>
        /// A required string. When missing (LSG004 already said so) the item stays in the model with an empty
        /// value at an empty range at the item start; the validator skips exactly that stand-in.
        /// </summary>
        private Located<string> RequiredString(KnownKeys keys, string key, MappingNode item) =>
            ReadString(keys, key) ?? new Located<string>("", new SourceRange(item.Range.Start, item.Range.Start));

        private Located<string>? ReadString(KnownKeys keys, string key)
        {
            if (Scalar(keys, key, SpecValueKind.String) is not { } s) return null;
            return new Located<string>(s.Value, s.Range);
        }

        private Located<bool>? ReadBool(KnownKeys keys, string key)
        {
            if (Scalar(keys, key, SpecValueKind.Boolean) is not { } s) return null;
            if (!s.IsQuoted && s.Value is "true" or "True" or "TRUE") return new Located<bool>(true, s.Range);
            if (!s.IsQuoted && s.Value is "false" or "False" or "FALSE") return new Located<bool>(false, s.Range);
            var lower = s.Value.ToLowerInvariant();
            string? replacement = lower switch
            {
                "true" or "yes" or "y" or "on" or "1" => "true",
                "false" or "no" or "n" or "off" or "0" => "false",
                _ => null,
            };
            var hint = s.IsQuoted && replacement is not null
                ? "; remove the quotes"
                : "; YAML 1.2 booleans are only true and false (yes/no/on/off are text)";
            var diagnostic = Diagnostic.Create(Descriptors.WrongValueKind, s.Range, Quote(key), Expected(SpecValueKind.Boolean), Describe(s), hint);
            Diagnostics.Add(replacement is null ? diagnostic : diagnostic.WithData("replacement", replacement));
            return null;
        }

        private Located<long>? ReadInteger(KnownKeys keys, string key)
        {
            if (Scalar(keys, key, SpecValueKind.Integer) is not { } s) return null;
            if (!s.IsQuoted && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return new Located<long>(value, s.Range);
            var hint = s.IsQuoted && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? "; remove the quotes"
                : "";
            Diagnostics.Add(Diagnostic.Create(Descriptors.WrongValueKind, s.Range, Quote(key), Expected(SpecValueKind.Integer), Describe(s), hint));
            return null;
        }

        private Located<ScalarValue>? ReadScalar(KnownKeys keys, string key)
        {
            if (!keys.TryGetEntry(key, out var entry) || entry.Value is null or AliasNode) return null;
            if (entry.Value is not ScalarNode s)
            {
                WrongKind(Quote(key), SpecValueKind.Scalar, entry.Value, "");
                return null;
            }
            return new Located<ScalarValue>(new ScalarValue(s.Value, s.IsQuoted), s.Range);
        }

        /// <summary>The non-empty scalar under <paramref name="key"/>, or null after reporting what it is instead.</summary>
        private ScalarNode? Scalar(KnownKeys keys, string key, SpecValueKind expected)
        {
            if (!keys.TryGetEntry(key, out var entry) || entry.Value is null or AliasNode) return null;
            if (entry.Value is ScalarNode { IsNull: false } s) return s;
            WrongKind(Quote(key), expected, entry.Value, entry.Value is ScalarNode ? "; write a value or remove the key" : "");
            return null;
        }

        private void WrongKind(string what, SpecValueKind expected, SyntaxNode actual, string hint) =>
            Diagnostics.Add(Diagnostic.Create(Descriptors.WrongValueKind, actual.Range, what, Expected(expected), Describe(actual), hint));

        private static string Expected(SpecValueKind kind) => kind switch
        {
            SpecValueKind.String => "text",
            SpecValueKind.Boolean => "a boolean (true or false)",
            SpecValueKind.Integer => "a whole number",
            SpecValueKind.Scalar => "a single value",
            SpecValueKind.Mapping => "a mapping of keys to values",
            _ => "a list",
        };

        private static string Describe(SyntaxNode node) => node switch
        {
            MappingNode => "a mapping",
            SequenceNode => "a list",
            AliasNode => "an alias",
            ScalarNode { IsNull: true } => "empty",
            ScalarNode { IsQuoted: true } s => "the quoted text \"" + Short(s.Value) + "\"",
            ScalarNode s => "'" + Short(s.Value) + "'",
            _ => "something else",
        };

        private static string Quote(string key) => "'" + key + "'";
    }

    /// <summary>Keeps messages readable when a value is huge (a 1 MB line must not become a 1 MB message).</summary>
    internal static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
