using System.Globalization;
using System.Text;
using LspGen.Spec.Model;

namespace LspGen.Spec.Emit;

/// <summary>
/// Writes a <see cref="SpecDocument"/> as a readable, commented, deterministic spec.yaml (used by
/// <c>lspgen prd2spec</c>). Only what the document says is written (nothing defaulted), so loading the
/// result gives the same model and the compiler produces byte-identical output. Every string is a
/// plain scalar only when YAML cannot read it as anything else; otherwise it is double-quoted and escaped.
/// </summary>
public static class SpecYamlWriter
{
    /// <param name="source">Named in the header comment (e.g. "project-tracker.prd.md"); null for none.</param>
    public static string Write(SpecDocument doc, string? source = null)
    {
        var w = new StringBuilder();
        w.Append("# LspGen spec (format 1.0)");
        if (source is not null) w.Append(" converted from ").Append(OneLine(source)).Append(" by lspgen prd2spec");
        w.Append(".\n# Reference: docs/spec-format.md; `lspgen validate` checks it, `lspgen generate` compiles it.\n");
        w.Append("spec_version: \"1.0\"\n");
        if (doc.ProjectName is { } project) w.Append("project_name: ").Append(Str(project.Value)).Append('\n');
        if (doc.Description is { } description) w.Append("description: ").Append(Str(description.Value)).Append('\n');
        if (doc.Database is { } database && (database.Type is not null || database.Version is not null))
        {
            w.Append("database:\n");
            if (database.Type is { } type) w.Append("  type: ").Append(Str(type.Value)).Append('\n');
            if (database.Version is { } version) w.Append("  version: ").Append(Str(version.Value)).Append('\n');
        }
        if (doc.Auth is { } auth && (auth.Enabled is not null || auth.Type is not null || auth.AccessTokenExpiryMinutes is not null))
        {
            w.Append("auth:\n");
            if (auth.Enabled is { } enabled) w.Append("  enabled: ").Append(Bool(enabled.Value)).Append('\n');
            if (auth.Type is { } type) w.Append("  type: ").Append(Str(type.Value)).Append('\n');
            if (auth.AccessTokenExpiryMinutes is { } expiry) w.Append("  access_token_expiry_minutes: ").Append(Int(expiry.Value)).Append('\n');
        }

        w.Append("\n# Each entity becomes a table, a SQLAlchemy model, Pydantic schemas and a CRUD router.\n");
        w.Append("# Without a primary key an entity gets 'id: uuid'; fields are nullable unless 'nullable: false'.\n");
        if (doc.Entities.Count == 0) w.Append("entities: []\n");
        else w.Append("entities:\n");
        foreach (var entity in doc.Entities)
        {
            w.Append("  - name: ").Append(Str(entity.Name.Value)).Append('\n');
            if (entity.TableName is { } table) w.Append("    table_name: ").Append(Str(table.Value)).Append('\n');
            if (entity.Crud is { } crud) w.Append("    crud: ").Append(Bool(crud.Value)).Append('\n');
            if (entity.RenamedFrom is { } entityRenamedFrom) w.Append("    renamed_from: ").Append(Str(entityRenamedFrom.Value)).Append('\n');
            if (entity.Description is { } entityDescription) w.Append("    description: ").Append(Str(entityDescription.Value)).Append('\n');
            if (entity.Fields.Count == 0)
            {
                w.Append("    fields: []\n");
                continue;
            }
            w.Append("    fields:\n");
            foreach (var field in entity.Fields)
            {
                if (field.References is { } target)
                    w.Append("      # a reference: the id of a row of ").Append(OneLine(target.Value)).Append('\n');
                w.Append("      - name: ").Append(Str(field.Name.Value)).Append('\n');
                w.Append("        type: ").Append(Str(field.Type.Value)).Append('\n');
                if (field.PrimaryKey is { } pk) w.Append("        primary_key: ").Append(Bool(pk.Value)).Append('\n');
                if (field.Nullable is { } nullable) w.Append("        nullable: ").Append(Bool(nullable.Value)).Append('\n');
                if (field.Unique is { } unique) w.Append("        unique: ").Append(Bool(unique.Value)).Append('\n');
                if (field.Index is { } index) w.Append("        index: ").Append(Bool(index.Value)).Append('\n');
                if (field.MaxLength is { } max) w.Append("        max_length: ").Append(Int(max.Value)).Append('\n');
                if (field.Default is { } value) w.Append("        default: ").Append(Default(value.Value)).Append('\n');
                if (field.References is { } references) w.Append("        references: ").Append(Str(references.Value)).Append('\n');
                if (field.RenamedFrom is { } renamedFrom) w.Append("        renamed_from: ").Append(Str(renamedFrom.Value)).Append('\n');
                if (field.Description is { } fieldDescription) w.Append("        description: ").Append(Str(fieldDescription.Value)).Append('\n');
            }
        }

        if (doc.UserStories.Count > 0)
        {
            w.Append("\n# Documentation only: listed in the generated ARCHITECTURE.md.\nuser_stories:\n");
            foreach (var story in doc.UserStories)
            {
                w.Append("  - role: ").Append(Str(story.Role.Value)).Append('\n');
                w.Append("    goal: ").Append(Str(story.Goal.Value)).Append('\n');
                if (story.Benefit is { } benefit) w.Append("    benefit: ").Append(Str(benefit.Value)).Append('\n');
            }
        }
        if (doc.Integrations.Count > 0)
        {
            w.Append("\n# Each integration gets an API key setting (e.g. STRIPE_API_KEY) in app/config.py and .env.example.\nintegrations:\n");
            foreach (var integration in doc.Integrations)
            {
                w.Append("  - name: ").Append(Str(integration.Name.Value)).Append('\n');
                if (integration.Purpose is { } purpose) w.Append("    purpose: ").Append(Str(purpose.Value)).Append('\n');
            }
        }
        return w.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A default keeps its kind: quoted stays a string, a plain number or boolean stays plain.</summary>
    private static string Default(ScalarValue value) =>
        !value.Quoted && IsSafePlain(value.Text, allowNonString: true) ? value.Text : Quote(value.Text);

    /// <summary>A string value: plain when YAML can only read it as that same string, else double-quoted.</summary>
    public static string Str(string value) => IsSafePlain(value, allowNonString: false) ? value : Quote(value);

    private static readonly HashSet<string> NonStrings = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    };

    // Conservative on purpose: letters, digits, '_', '-', '.' and inner single spaces, starting with a
    // letter, never a YAML 1.1/1.2 boolean or null, never a number. Anything else is quoted.
    private static bool IsSafePlain(string text, bool allowNonString)
    {
        if (text.Length == 0 || text.Length > 200) return false;
        // A default that was plain stays plain, so "null", 1 and true keep the meaning they had.
        if (allowNonString)
            return text == "~" || (text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_')
                && (char.IsAsciiLetterOrDigit(text[0]) || (text.Length > 1 && (char.IsAsciiDigit(text[1]) || text[1] == '.'))));
        if (!char.IsAsciiLetter(text[0]) || NonStrings.Contains(text) || text.EndsWith(' ')) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') continue;
            if (c == ' ' && text[i - 1] != ' ') continue;
            return false;
        }
        return true;
    }

    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string OneLine(string text) =>
        new([.. text.Select(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' ? ' ' : c)]);
}
