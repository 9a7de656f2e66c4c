using System.Globalization;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// The outline of a spec: top-level settings, the database and auth blocks, entities → fields, user
/// stories and integrations. Read from the syntax tree, so a half-typed document still has an outline
/// up to the point where it breaks.
/// </summary>
public static class DocumentSymbols
{
    public static IReadOnlyList<Symbol> For(IdeDocument doc)
    {
        if (doc.Kind != DocumentKind.Spec || doc.Tree.Root is not MappingNode root) return [];
        var symbols = new List<Symbol>();
        foreach (var entry in root.Entries)
        {
            if (entry.KeyText is not { } key) continue;
            symbols.Add(key switch
            {
                "database" or "auth" => Block(entry, key),
                "entities" => List(entry, key, Entity),
                "user_stories" => List(entry, key, UserStory),
                "integrations" => List(entry, key, Integration),
                _ => Setting(entry, key),
            });
        }
        return symbols;
    }

    private static Symbol Setting(MappingEntry entry, string key) =>
        new(key, SymbolKind.Setting, ScalarText(entry.Value), entry.Range, entry.Key.Range, []);

    private static Symbol Block(MappingEntry entry, string key)
    {
        var children = entry.Value is MappingNode map
            ? map.Entries.Where(e => e.KeyText is not null).Select(e => Setting(e, e.KeyText!)).ToList()
            : [];
        return new Symbol(key, SymbolKind.Block, null, entry.Range, entry.Key.Range, children);
    }

    private static Symbol List(MappingEntry entry, string key, Func<MappingNode, Symbol> item)
    {
        var children = entry.Value is SequenceNode seq ? seq.Items.OfType<MappingNode>().Select(item).ToList() : [];
        var detail = children.Count == 1 ? "1 item" : children.Count.ToString(CultureInfo.InvariantCulture) + " items";
        return new Symbol(key, SymbolKind.List, detail, entry.Range, entry.Key.Range, children);
    }

    private static Symbol Entity(MappingNode item)
    {
        var name = SpecOutline.ScalarOf(item, "name");
        var fields = item.Find("fields")?.Value is SequenceNode seq ? seq.Items.OfType<MappingNode>().Select(Field).ToList() : [];
        var table = SpecOutline.ScalarOf(item, "table_name")?.Value;
        var count = fields.Count == 1 ? "1 field" : fields.Count.ToString(CultureInfo.InvariantCulture) + " fields";
        return new Symbol(NameOr(name, "(unnamed entity)"), SymbolKind.Entity, table is null ? count : table + " · " + count,
            item.Range, name?.Range ?? Head(item), fields);
    }

    private static Symbol Field(MappingNode item)
    {
        var name = SpecOutline.ScalarOf(item, "name");
        var type = SpecOutline.ScalarOf(item, "type")?.Value;
        var isKey = SpecOutline.ScalarOf(item, "primary_key") is { Value: "true" or "True" or "TRUE" };
        var reference = SpecOutline.ScalarOf(item, "references")?.Value;
        var detail = type;
        if (isKey) detail = (detail ?? "") + " · primary key";
        if (reference is not null) detail = (detail ?? "") + " → " + reference;
        return new Symbol(NameOr(name, "(unnamed field)"), SymbolKind.Field, detail?.TrimStart(' ', '·'), item.Range, name?.Range ?? Head(item), []);
    }

    private static Symbol UserStory(MappingNode item)
    {
        var role = SpecOutline.ScalarOf(item, "role");
        var goal = SpecOutline.ScalarOf(item, "goal")?.Value;
        return new Symbol(NameOr(role, "(user story)"), SymbolKind.UserStory, goal is null ? null : Short(goal), item.Range, role?.Range ?? Head(item), []);
    }

    private static Symbol Integration(MappingNode item)
    {
        var name = SpecOutline.ScalarOf(item, "name");
        return new Symbol(NameOr(name, "(integration)"), SymbolKind.Integration, ScalarText(SpecOutline.ScalarOf(item, "purpose")),
            item.Range, name?.Range ?? Head(item), []);
    }

    // Editors reject symbols with an empty name, so a missing one gets a placeholder.
    private static string NameOr(ScalarNode? name, string placeholder) =>
        name is null || string.IsNullOrWhiteSpace(name.Value) ? placeholder : name.Value;

    // A detail is one line in the outline: long or multi-line text is cut.
    private static string? ScalarText(SyntaxNode? node) => node is ScalarNode { IsNull: false } s ? Short(s.Value) : null;

    private static string Short(string text)
    {
        var line = text.AsSpan();
        var cut = line.IndexOfAny('\r', '\n');
        if (cut >= 0) line = line[..cut];
        return line.Length <= 80 && cut < 0 ? text : string.Concat(line[..Math.Min(line.Length, 79)], "…");
    }

    private static SourceRange Head(SyntaxNode node) => new(node.Range.Start, node.Range.Start);
}
