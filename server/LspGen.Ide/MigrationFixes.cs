using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Quick fixes of the migration diagnostics: give a new required column a <c>default:</c> (LSG032,
/// remedy add_default), keep a type that cannot be cast (LSG032, keep_type), say that an added field is
/// a dropped one renamed (LSG033), remove a <c>renamed_from</c> the database does not need (LSG034).
/// </summary>
internal static class MigrationFixes
{
    public static IEnumerable<CodeAction> For(IdeDocument doc, Diagnostic diagnostic)
    {
        diagnostic.Data.TryGetValue(MigrationImpacts.EntityKey, out var entityName);
        diagnostic.Data.TryGetValue(MigrationImpacts.FieldKey, out var fieldName);
        var entity = entityName is null ? null : FindEntity(doc, entityName);
        var field = entity is null || fieldName is null ? null : FindField(entity, fieldName);
        var target = fieldName is null ? entity?.Item : field?.Item;
        if (target is null) yield break;

        diagnostic.Data.TryGetValue(MigrationImpacts.RemedyKey, out var remedy);
        switch (diagnostic.Code)
        {
            case "LSG032" when remedy == MigrationImpacts.AddDefault && field is not null:
                var value = DefaultFor(field.Type?.Value);
                if (SpecEdits.AddKey(doc, field.Item, "default", value, afterName: false) is { } addDefault)
                    yield return CodeActions.Fix($"Add 'default: {value}' to '{fieldName}'", diagnostic, addDefault);
                break;
            case "LSG032" when remedy == MigrationImpacts.KeepType && field?.Type is { } type
                && diagnostic.Data.TryGetValue(MigrationImpacts.PreviousTypeKey, out var previous):
                yield return CodeActions.Fix($"Keep the type '{previous}'", diagnostic,
                    new TextEdit(CodeActions.InsideQuotes(doc, type.Range), previous));
                break;
            case "LSG033" when field is not null && diagnostic.Data.TryGetValue(MigrationImpacts.DroppedKey, out var dropped)
                && field.Item.Find("renamed_from") is null:
                if (SpecEdits.AddKey(doc, field.Item, "renamed_from", dropped, afterName: true) is { } rename)
                    yield return CodeActions.Fix($"Treat as a rename of '{dropped}'", diagnostic, rename);
                break;
            case "LSG034":
                if (SpecEdits.RemoveKey(doc, target, "renamed_from") is { } remove)
                    yield return CodeActions.Fix("Remove renamed_from", diagnostic, remove);
                break;
        }
    }

    /// <summary>A value of the field's type that passes the validator's default rules (LSG020).</summary>
    internal static string DefaultFor(string? type) => type switch
    {
        FieldTypes.Integer => "0",
        FieldTypes.Float => "0.0",
        FieldTypes.Boolean => "false",
        FieldTypes.DateTime => "\"1970-01-01T00:00:00Z\"",
        FieldTypes.Uuid => "\"00000000-0000-0000-0000-000000000000\"",
        _ => "\"\"",
    };

    internal static EntityNode? FindEntity(IdeDocument doc, string name) =>
        doc.Outline.Entities.FirstOrDefault(e => e.Name?.Value == name) ?? doc.Outline.Resolve(name);

    internal static FieldNode? FindField(EntityNode entity, string name) =>
        entity.Fields.FirstOrDefault(f => f.Name?.Value == name)
        ?? entity.Fields.FirstOrDefault(f => f.Name is { } n && Naming.ToSnakeCase(n.Value) == Naming.ToSnakeCase(name));
}

/// <summary>Minimal edits that add or remove one key of an entity or field item, in block or flow style (and JSON).</summary>
internal static class SpecEdits
{
    /// <summary>
    /// Inserts <c>key: value</c> into <paramref name="item"/>: in a block item on a line of its own, after the
    /// <c>name:</c> line (<paramref name="afterName"/>) or after the item's last line; in a flow item after the
    /// last entry. Null when the item has no entries to anchor the key.
    /// </summary>
    public static TextEdit? AddKey(IdeDocument doc, MappingNode item, string key, string value, bool afterName)
    {
        if (item.Entries.Count == 0) return null;
        var json = CodeActions.IsJson(doc);
        if (item.IsFlow || json)
        {
            var after = item.Entries[^1].Range.End;
            var member = json ? $", \"{key}\": {JsonValue(value)}" : $", {key}: {value}";
            return new TextEdit(new SourceRange(after, after), member);
        }
        var line = afterName && item.Find("name") is { } name
            ? CodeActions.LastLine(name.Range)
            : CodeActions.LastLine(item.Range);
        var column = item.Entries[0].Key.Range.Start.Character;
        return CodeActions.InsertLinesAfter(doc, line, new string(' ', column) + key + ": " + value);
    }

    // A YAML scalar as JSON: strings are quoted already or are plain names; numbers and booleans stay as they are.
    private static string JsonValue(string value) =>
        value.StartsWith('"') || value is "true" or "false" || double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? value : "\"" + value + "\"";

    /// <summary>Removes the entry <paramref name="key"/>: its whole line in a block item, the member in a flow item.</summary>
    public static TextEdit? RemoveKey(IdeDocument doc, MappingNode item, string key)
    {
        var index = -1;
        for (var i = 0; i < item.Entries.Count; i++)
        {
            if (item.Entries[i].KeyText == key) { index = i; break; }
        }
        if (index < 0) return null;
        var entry = item.Entries[index];
        if (item.IsFlow)
        {
            if (index > 0) return new TextEdit(new SourceRange(item.Entries[index - 1].Range.End, entry.Range.End), "");
            return item.Entries.Count > 1 ? new TextEdit(new SourceRange(entry.Key.Range.Start, item.Entries[1].Key.Range.Start), "") : null;
        }
        var first = entry.Key.Range.Start.Line;
        var last = CodeActions.LastLine(entry.Range);
        var before = doc.LineText(first)[..Math.Min(entry.Key.Range.Start.Character, doc.LineText(first).Length)].Trim();
        // "- renamed_from: x" as the item's first line: the dash stays with the next key.
        if (before.Length > 0)
            return index + 1 < item.Entries.Count
                ? new TextEdit(new SourceRange(entry.Key.Range.Start, item.Entries[index + 1].Key.Range.Start), "")
                : null;
        return new TextEdit(CodeActions.WholeLines(doc, first, last), "");
    }
}
