using System.Text;
using LspGen.Spec;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;
using LspGen.Spec.Validation;

namespace LspGen.Ide;

/// <summary>
/// Documentation of the token under the caret: every key of the format (with where it is allowed), every
/// field type, the values of enum keys, and for an entity name (its declaration or a references: value)
/// a summary of what will be generated: table, fields with types, endpoints.
/// </summary>
public static class Hover
{
    public static HoverInfo? At(IdeDocument doc, Position position)
    {
        if (doc.Kind != DocumentKind.Spec) return null;
        var context = CaretContext.At(doc, position);
        switch (context.Slot)
        {
            case CaretSlot.Key:
                var key = CaretContext.Unquote(context.Token);
                return SpecFormat.Find(context.Level, key) is { } spec && context.ColonFollows
                    ? new HoverInfo(SpecFormat.KeyMarkdown(context.Level, spec), context.TokenRange)
                    : null;
            case CaretSlot.Value when context.Token.Length > 0 && context.Key is { } valueKey:
                return Value(doc, context, valueKey);
            default:
                return null;
        }
    }

    private static HoverInfo? Value(IdeDocument doc, CaretContext context, string key)
    {
        var value = CaretContext.Unquote(context.Token);
        var range = context.TokenRange;
        if (context.Level == SpecLevel.Field && key == "type")
        {
            if (FieldTypes.Find(value) is { } type) return new HoverInfo(SpecFormat.TypeMarkdown(type), range);
            return new HoverInfo($"**{value}** is not a field type; did you mean **{FieldTypes.BestReplacement(value)}**?\n\nAllowed types: "
                + string.Join(", ", FieldTypes.Names), range);
        }
        if ((context.Level == SpecLevel.Entity && key == "name") || (context.Level == SpecLevel.Field && key == "references"))
        {
            var entity = FindEntity(doc.Spec, value);
            if (entity is not null) return new HoverInfo(EntitySummary(doc.Spec, entity), range);
            if (key == "references")
                return new HoverInfo($"**{value}** is not a declared entity. Declared: " + string.Join(", ", doc.EntityNamesInText), range);
        }
        var values = SpecFormat.ValuesOf(context.Level, key);
        var known = values?.FirstOrDefault(v => CaretContext.Unquote(v.Value) == value);
        if (known is { Value: not null } k) return new HoverInfo($"**{value}**\n\n{k.Documentation}", range);
        return SpecFormat.Find(context.Level, key) is { } spec ? new HoverInfo(SpecFormat.KeyMarkdown(context.Level, spec), range) : null;
    }

    private static EntitySpec? FindEntity(SpecDocument spec, string name)
    {
        var key = Naming.ToSnakeCase(name);
        return key.Length == 0 ? null : spec.Entities.FirstOrDefault(e => Naming.ToSnakeCase(e.Name.Value) == key);
    }

    /// <summary>Markdown: the entity, its table, a table of its fields and the endpoints it gets.</summary>
    internal static string EntitySummary(SpecDocument spec, EntitySpec entity)
    {
        var name = Naming.ToPascalCase(entity.Name.Value);
        var table = SpecSummary.TableOf(entity.Name.Value, entity.TableName?.Value);
        var sb = new StringBuilder();
        sb.Append("**").Append(name).Append("** · entity · table `").Append(table).Append('`').Append("\n\n");
        if (entity.Description is { } description) sb.Append(description.Value).Append("\n\n");
        sb.Append("| field | type | |\n|---|---|---|\n");
        if (!entity.Fields.Any(f => f.PrimaryKey?.Value == true)) sb.Append("| id | uuid | primary key (added) |\n");
        foreach (var field in entity.Fields)
        {
            var notes = new List<string>();
            if (field.PrimaryKey?.Value == true) notes.Add("primary key");
            if (field.References is { } target) notes.Add("→ " + target.Value);
            if (field.Unique?.Value == true) notes.Add("unique");
            if (field.Nullable?.Value == false && field.PrimaryKey?.Value != true) notes.Add("required");
            if (field.MaxLength is { } max) notes.Add("max " + max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sb.Append("| ").Append(Cell(field.Name.Value)).Append(" | ").Append(Cell(field.Type.Value)).Append(" | ")
                .Append(string.Join(", ", notes.Select(Cell))).Append(" |\n");
        }
        sb.Append('\n');
        if (entity.Crud?.Value == false) sb.Append("No endpoints (`crud: false`).");
        else
        {
            sb.Append("Endpoints:\n");
            foreach (var endpoint in SpecSummary.EndpointsOf(entity.Name.Value)) sb.Append("- `").Append(endpoint).Append("`\n");
            if (SpecValidator.IsAuthEnabled(spec)) sb.Append("\nEvery row belongs to the signed-in user (`user_id`).");
        }
        return sb.ToString().TrimEnd();
    }

    // A pipe would end a markdown table cell.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
