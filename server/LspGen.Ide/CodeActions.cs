using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Quick fixes for diagnostics. Each fix is a minimal edit: it replaces only the token concerned, or
/// inserts or removes whole lines, so comments and formatting elsewhere stay as written.
/// </summary>
public static class CodeActions
{
    /// <summary>Fixes for the document's own diagnostics that overlap <paramref name="range"/>.</summary>
    public static IReadOnlyList<CodeAction> For(IdeDocument doc, SourceRange range) =>
        For(doc, range, [.. doc.Diagnostics.Where(d => d.Range.Start <= range.End && range.Start <= d.Range.End)]);

    /// <summary>Fixes for the document's own diagnostics and the migration's (<paramref name="migration"/>) that overlap <paramref name="range"/>.</summary>
    public static IReadOnlyList<CodeAction> For(IdeDocument doc, SourceRange range, MigrationImpact? migration) =>
        For(doc, range, [.. doc.Diagnostics.Concat(migration?.Diagnostics ?? []).Where(d => d.Range.Start <= range.End && range.Start <= d.Range.End)]);

    /// <summary>
    /// Fixes for <paramref name="diagnosticsInRange"/> (as the client sends them back). A diagnostic is matched to
    /// the document's own by code and range, so fixes still find their <c>Data</c> when the client dropped it.
    /// </summary>
    public static IReadOnlyList<CodeAction> For(IdeDocument doc, SourceRange range, IReadOnlyList<Diagnostic> diagnosticsInRange)
    {
        if (doc.Kind != DocumentKind.Spec) return [];
        var actions = new List<CodeAction>();
        foreach (var given in diagnosticsInRange)
        {
            var diagnostic = doc.Diagnostics.FirstOrDefault(d => d.Code == given.Code && d.Range == given.Range) ?? given;
            actions.AddRange(FixesOf(doc, diagnostic));
        }
        return actions;
    }

    private static IEnumerable<CodeAction> FixesOf(IdeDocument doc, Diagnostic diagnostic)
    {
        diagnostic.Data.TryGetValue("replacement", out var replacement);
        switch (diagnostic.Code)
        {
            case "LSG012":
                return InvalidFieldType(doc, diagnostic, replacement);
            case "LSG010":
                return DuplicateEntity(doc, diagnostic);
            case "LSG013":
                return MissingPrimaryKey(doc, diagnostic);
            case "LSG006" when replacement is not null && replacement.StartsWith("spec_version:", StringComparison.Ordinal):
                // Inserted above the first key, at its column, so a header comment stays on top.
                if (IsJson(doc))
                {
                    // JSON: a first member, before the others.
                    if (doc.Outline.Root!.Entries.Count == 0) return [];
                    var first = doc.Outline.Root.Entries[0].Key.Range.Start;
                    return [Fix("Add \"spec_version\": \"1.0\"", diagnostic, new TextEdit(new SourceRange(first, first), "\"spec_version\": \"1.0\", "))];
                }
                var at = diagnostic.Range.Start;
                return [Fix("Add spec_version: \"1.0\"", diagnostic, new TextEdit(new SourceRange(at, at), replacement + "\n" + new string(' ', at.Character)))];
            case "LSG006" when replacement is not null:
                return [Fix("Write spec_version as \"1.0\"", diagnostic, new TextEdit(diagnostic.Range, replacement))];
            case "LSG020" when replacement is not null && ReferenceField(doc, diagnostic.Range) is { Type: { } type } field:
                // A reference field must have the key type of its target: the fix is the field's type, not the reference.
                return [Fix($"Change the type of '{field.Name?.Value}' to '{replacement}'", diagnostic, new TextEdit(InsideQuotes(doc, type.Range), replacement))];
            case "LSG002" or "LSG003" or "LSG005" or "LSG014" or "LSG015" or "LSG018" or "LSG021" when replacement is not null:
                return [Replace(doc, diagnostic, replacement)];
            case "LSG032" or "LSG033" or "LSG034":
                return MigrationFixes.For(doc, diagnostic);
            default:
                return [];
        }
    }

    /// <summary>The field whose <c>references</c> key (or value) is at <paramref name="range"/>.</summary>
    private static FieldNode? ReferenceField(IdeDocument doc, SourceRange range) =>
        doc.Outline.Entities.SelectMany(e => e.Fields).FirstOrDefault(f =>
            f.Item.Find("references") is { } entry && (entry.Key.Range == range || entry.Value?.Range == range));

    private static CodeAction Replace(IdeDocument doc, Diagnostic diagnostic, string replacement)
    {
        var old = Token(doc, diagnostic.Range);
        var title = diagnostic.Code switch
        {
            "LSG014" => $"Change type to '{replacement}'",
            "LSG015" or "LSG021" => $"Rename '{CaretContext.Unquote(old)}' to '{replacement}'",
            _ => $"Replace '{old}' with '{replacement}'",
        };
        // A boolean written as text loses its quotes; a name keeps the quotes it was written with.
        var range = diagnostic.Code == "LSG003" || replacement.StartsWith('"') ? diagnostic.Range : InsideQuotes(doc, diagnostic.Range);
        return Fix(title, diagnostic, new TextEdit(range, replacement));
    }

    private static IEnumerable<CodeAction> InvalidFieldType(IdeDocument doc, Diagnostic diagnostic, string? best)
    {
        var range = InsideQuotes(doc, diagnostic.Range);
        best ??= FieldTypes.BestReplacement(CaretContext.Unquote(Token(doc, diagnostic.Range)));
        yield return Fix($"Change type to '{best}'", diagnostic, new TextEdit(range, best));
        foreach (var type in FieldTypes.Names.Where(t => t != best))
            yield return Fix($"Change type to '{type}'", diagnostic, new TextEdit(range, type)) with { IsPreferred = false };
    }

    private static IEnumerable<CodeAction> DuplicateEntity(IdeDocument doc, Diagnostic diagnostic)
    {
        var entity = doc.Outline.Entities.FirstOrDefault(e => e.Name?.Range == diagnostic.Range);
        if (entity?.Name is not { } name) yield break;

        var stem = Naming.ToPascalCase(name.Value);
        if (stem.Length == 0) stem = "Entity";
        var free = Enumerable.Range(2, 1000).Select(n => stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(candidate => doc.Outline.Resolve(candidate) is null);
        if (Rename.Editable(name) is { } nameRange)
            yield return Fix($"Rename to '{free}'", diagnostic, new TextEdit(nameRange, free));

        if (ItemLines(doc, entity.Item) is { } lines)
        {
            var (first, last) = lines;
            var title = first == last
                ? $"Remove the duplicate entity '{name.Value}' (line {first + 1})"
                : $"Remove the duplicate entity '{name.Value}' (lines {first + 1}–{last + 1})";
            yield return Fix(title, diagnostic, new TextEdit(WholeLines(doc, first, last), "")) with { IsPreferred = false };
        }
    }

    private static IEnumerable<CodeAction> MissingPrimaryKey(IdeDocument doc, Diagnostic diagnostic)
    {
        var entity = doc.Outline.Entities.FirstOrDefault(e => e.Name?.Range == diagnostic.Range);
        if (entity is null) yield break;

        // A field already called "id": marking it is the fix; a second "id" would collide with it (LSG011).
        var id = entity.Fields.FirstOrDefault(f => f.Name?.Value == "id");
        if (id is not null)
        {
            if (id.Item.Entries.Count == 0) yield break;
            if (id.Item.Find("primary_key")?.Value is ScalarNode { IsNull: false } written)
            {
                // "primary_key: false": the value changes, a second key would be a duplicate (LSG007).
                yield return Fix("Mark 'id' as the primary key", diagnostic, new TextEdit(written.Range, "true"));
                yield break;
            }
            if (id.Item.IsFlow)
            {
                var after = id.Item.Entries[^1].Range.End;
                var member = IsJson(doc) ? ", \"primary_key\": true" : ", primary_key: true";
                yield return Fix("Mark 'id' as the primary key", diagnostic, new TextEdit(new SourceRange(after, after), member));
                yield break;
            }
            var last = LastLine(id.Item.Range);
            var column = id.Item.Range.Start.Character;
            var edit = InsertLinesAfter(doc, last, new string(' ', column) + "primary_key: true");
            yield return Fix("Mark 'id' as the primary key", diagnostic, edit);
            yield break;
        }
        if (AddIdField(doc, entity) is { } insert)
            yield return Fix("Add primary key 'id: uuid' as the first field", diagnostic, insert);
    }

    /// <summary>The edit inserting <c>- name: id / type: uuid / primary_key: true</c> first in the entity's fields.</summary>
    private static TextEdit? AddIdField(IdeDocument doc, EntityNode entity)
    {
        string Block(int dash, int key) =>
            new string(' ', dash) + "-" + new string(' ', Math.Max(1, key - dash - 1)) + "name: id\n"
            + new string(' ', key) + "type: uuid\n" + new string(' ', key) + "primary_key: true";

        if (entity.FieldsEntry is not { } entry)
        {
            if (entity.Item.IsFlow) return null;
            var column = entity.Item.Range.Start.Character;
            return InsertLinesAfter(doc, LastLine(entity.Item.Range),
                new string(' ', column) + "fields:\n" + Block(column + 2, column + 4));
        }
        var keyColumn = entry.Key.Range.Start.Character;
        var json = IsJson(doc);
        if ((entity.Item.IsFlow || json) && entry.Value is not SequenceNode { IsFlow: true }) return null;
        switch (entry.Value)
        {
            case SequenceNode { IsFlow: false, Items.Count: > 0 } list:
                var first = list.Items[0].Range.Start;
                var line = doc.LineText(first.Line);
                var dash = first.Character - 1;
                while (dash >= 0 && line[dash] is ' ' or '\t') dash--;
                if (dash < 0 || line[dash] != '-' || line[..dash].Trim().Length > 0) return null;
                var lineStart = new Position(first.Line, 0);
                return new TextEdit(new SourceRange(lineStart, lineStart), Block(dash, first.Character) + "\n");
            case SequenceNode { IsFlow: true, Items.Count: > 0 } flow:
                var at = flow.Items[0].Range.Start;
                return new TextEdit(new SourceRange(at, at), FlowIdField(doc) + ", ");
            case SequenceNode { IsFlow: true } empty when entity.Item.IsFlow || json:
                // Inside a flow mapping (or JSON) a block list cannot start: the flow list gets the field.
                return new TextEdit(empty.Range, "[" + FlowIdField(doc) + "]");
            case SequenceNode { IsFlow: true } empty:
                // "fields: []" becomes "fields:" with the list below it.
                var afterColon = entry.Key.Range.End with { Character = entry.Key.Range.End.Character + 1 };
                var from = empty.Range.Start.Line == afterColon.Line ? afterColon : empty.Range.Start;
                return new TextEdit(new SourceRange(from, empty.Range.End), "\n" + Block(keyColumn + 2, keyColumn + 4));
            case null or ScalarNode { IsNull: true }:
                // "fields:" alone (perhaps with a comment): the list goes on the lines below it.
                if (entry.Value is null || entry.Value.Range.Start == entry.Value.Range.End)
                    return InsertLinesAfter(doc, entry.Key.Range.Start.Line, Block(keyColumn + 2, keyColumn + 4));
                // "fields: ~": the token after the colon is replaced by the list.
                var colon = entry.Key.Range.End with { Character = entry.Key.Range.End.Character + 1 };
                return entry.Value.Range.Start.Line == colon.Line
                    ? new TextEdit(new SourceRange(colon, entry.Value.Range.End), "\n" + Block(keyColumn + 2, keyColumn + 4))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>A spec written as JSON (its root is a flow mapping): fixes must write JSON too.</summary>
    internal static bool IsJson(IdeDocument doc) => doc.Outline.Root is { IsFlow: true };

    private static string FlowIdField(IdeDocument doc) => IsJson(doc)
        ? "{\"name\": \"id\", \"type\": \"uuid\", \"primary_key\": true}"
        : "{name: id, type: uuid, primary_key: true}";

    /// <summary>An insertion of <paramref name="text"/> as new line(s) after <paramref name="line"/>.</summary>
    internal static TextEdit InsertLinesAfter(IdeDocument doc, int line, string text)
    {
        if (line + 1 < doc.Lines.LineCount)
        {
            var start = new Position(line + 1, 0);
            return new TextEdit(new SourceRange(start, start), text + "\n");
        }
        var end = doc.EndOfLine(line);
        return new TextEdit(new SourceRange(end, end), "\n" + text);
    }

    /// <summary>The first and last line of a block list item (from its "- " line), or null when it shares a line with other content.</summary>
    internal static (int First, int Last)? ItemLines(IdeDocument doc, MappingNode item)
    {
        var start = item.Range.Start;
        var prefix = doc.LineText(start.Line)[..Math.Min(start.Character, doc.LineText(start.Line).Length)].Trim();
        if (prefix != "-") return null;
        var last = LastLine(item.Range);
        var rest = doc.LineText(last)[Math.Min(item.Range.End.Character, doc.LineText(last).Length)..].Trim();
        if (rest.Length > 0 && !rest.StartsWith('#')) return null;
        return (start.Line, last);
    }

    /// <summary>The range of whole lines <paramref name="first"/>..<paramref name="last"/> with their line breaks.</summary>
    internal static SourceRange WholeLines(IdeDocument doc, int first, int last)
    {
        if (last + 1 < doc.Lines.LineCount) return new SourceRange(new Position(first, 0), new Position(last + 1, 0));
        // The last line of the text has no break of its own: take the one before it instead.
        var start = first > 0 ? doc.EndOfLine(first - 1) : new Position(0, 0);
        return new SourceRange(start, doc.EndOfLine(last));
    }

    internal static int LastLine(SourceRange range) =>
        range.End.Character == 0 && range.End.Line > range.Start.Line ? range.End.Line - 1 : range.End.Line;

    internal static string Token(IdeDocument doc, SourceRange range) =>
        doc.Text[doc.Lines.OffsetAt(range.Start)..doc.Lines.OffsetAt(range.End)];

    /// <summary>The range without its quotes when it is a quoted scalar on one line.</summary>
    internal static SourceRange InsideQuotes(IdeDocument doc, SourceRange range)
    {
        var token = Token(doc, range);
        return range.Start.Line == range.End.Line && token.Length >= 2 && token[0] is '"' or '\'' && token[^1] == token[0]
            ? new SourceRange(range.Start with { Character = range.Start.Character + 1 }, range.End with { Character = range.End.Character - 1 })
            : range;
    }

    internal static CodeAction Fix(string title, Diagnostic diagnostic, TextEdit edit) =>
        new(title, CodeActionKinds.QuickFix, IsPreferred: true, [edit], [diagnostic]);
}
