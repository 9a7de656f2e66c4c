using LspGen.Compiler.Migrate;
using LspGen.Spec;
using LspGen.Spec.Emit;
using LspGen.Spec.Syntax;
using LspGen.Spec.Validation;

namespace LspGen.Ide;

/// <summary>
/// Rename of an entity (its <c>name:</c> and every <c>references:</c> value that resolves to it) or of a
/// field (its <c>name:</c>). Only the name tokens change (quotes and everything else stay as written). A
/// derived table name changes with the entity name, as it would by editing the name by hand. When the
/// database already has the item (the output folder's schema snapshot, passed in by the caller), the
/// rename also adds <c>renamed_from: &lt;old name&gt;</c>, so the next migration renames the table or
/// column instead of dropping it.
/// </summary>
public static class Rename
{
    public static RenamePreparation Prepare(IdeDocument doc, Position position)
    {
        if (doc.Kind != DocumentKind.Spec) return RenamePreparation.Refused("Rename is only available in spec files.");
        var caret = doc.Clamp(position);
        if (doc.Outline.EntityAt(caret) is not { } hit)
        {
            if (FieldAt(doc, caret) is { Field.Name: { } fieldName })
                return Editable(fieldName) is { } fieldRange
                    ? RenamePreparation.Allowed(fieldRange, fieldName.Value)
                    : RenamePreparation.Refused("This name is written as a multi-line scalar; write it on one line to rename it.");
            var reference = doc.Outline.Entities.SelectMany(e => e.Fields).Select(f => f.References)
                .FirstOrDefault(r => r is not null && r.Range.Contains(caret));
            return RenamePreparation.Refused(reference is not null
                ? $"'{reference.Value}' is not a declared entity, so there is nothing to rename; declare it or fix the reference."
                : "Only entity and field names can be renamed: put the cursor on a name or on a references: value.");
        }
        if (Editable(hit.Token) is not { } range)
            return RenamePreparation.Refused("This name is written as a multi-line scalar; write it on one line to rename it.");
        return RenamePreparation.Allowed(range, hit.Token.Value);
    }

    /// <param name="database">The output folder's schema snapshot, or null when there is none.</param>
    public static RenameResult Apply(IdeDocument doc, Position position, string newName, SchemaSnapshot? database = null)
    {
        var preparation = Prepare(doc, position);
        if (!preparation.CanRename) return RenameResult.Failed(preparation.RefusalReason!);
        if (doc.Outline.EntityAt(doc.Clamp(position)) is not { } hit)
            return RenameField(doc, FieldAt(doc, doc.Clamp(position))!.Value, newName.Trim(), database);
        var name = newName.Trim();
        if (NameProblem(doc, name) is { } problem) return RenameResult.Failed(problem);

        var collision = doc.Outline.Resolve(name);
        if (collision is not null && !ReferenceEquals(collision, hit.Entity))
            return RenameResult.Failed($"An entity named '{collision.Name!.Value}' already exists (line {collision.Name.Range.Start.Line + 1}); entity names must differ in snake_case too.");

        var tokens = new List<ScalarNode>();
        if (hit.Entity.Name is { } declaration) tokens.Add(declaration);
        tokens.AddRange(doc.Outline.ReferencesTo(hit.Entity));
        var edits = new List<TextEdit>();
        foreach (var token in tokens)
        {
            if (Editable(token) is not { } range) continue;
            // A plain Null/True/False would stop being text in YAML; quote it (the name rules refuse True/False anyway).
            var text = !token.IsQuoted && name is "Null" or "NULL" ? "\"" + name + "\"" : name;
            if (token.Value != name) edits.Add(new TextEdit(range, text));
        }
        if (hit.Entity.Name is { } old && old.Value != name && database is not null && hit.Entity.Item.Find("renamed_from") is null
            && MigrationImpacts.HasInDatabase(database, old.Value, null)
            && SpecEdits.AddKey(doc, hit.Entity.Item, "renamed_from", SpecYamlWriter.Str(old.Value), afterName: true) is { } keep)
            edits.Add(keep);
        return RenameResult.Ok(edits);
    }

    private static RenameResult RenameField(IdeDocument doc, (EntityNode Entity, FieldNode Field) hit, string name, SchemaSnapshot? database)
    {
        var old = hit.Field.Name!;
        if (FieldNameProblem(name) is { } problem) return RenameResult.Failed(problem);
        var snake = Naming.ToSnakeCase(name);
        var collision = hit.Entity.Fields.FirstOrDefault(f => !ReferenceEquals(f, hit.Field) && f.Name is { } n && Naming.ToSnakeCase(n.Value) == snake);
        if (collision is not null)
            return RenameResult.Failed($"The entity already has a field '{collision.Name!.Value}' (line {collision.Name.Range.Start.Line + 1}); field names must differ in snake_case too.");
        if (old.Value == name) return RenameResult.Ok([]);
        var text = !old.IsQuoted && name is "null" or "true" or "false" ? "\"" + name + "\"" : name;
        var edits = new List<TextEdit> { new(Editable(old)!.Value, text) };
        if (database is not null && hit.Field.Item.Find("renamed_from") is null && hit.Entity.Name is { } entityName)
        {
            var entityRenamedFrom = SpecOutline.ScalarOf(hit.Entity.Item, "renamed_from")?.Value;
            var inDatabase = MigrationImpacts.HasInDatabase(database, entityName.Value, old.Value)
                || (entityRenamedFrom is not null && MigrationImpacts.HasInDatabase(database, entityRenamedFrom, old.Value));
            if (inDatabase && SpecEdits.AddKey(doc, hit.Field.Item, "renamed_from", SpecYamlWriter.Str(old.Value), afterName: true) is { } keep)
                edits.Add(keep);
        }
        return RenameResult.Ok(edits);
    }

    /// <summary>The field whose name token contains <paramref name="position"/>, with its entity.</summary>
    private static (EntityNode Entity, FieldNode Field)? FieldAt(IdeDocument doc, Position position)
    {
        foreach (var entity in doc.Outline.Entities)
        {
            if (!entity.Item.Range.Contains(position)) continue;
            foreach (var field in entity.Fields)
            {
                if (field.Name is { } name && name.Range.Contains(position)) return (entity, field);
            }
        }
        return null;
    }

    /// <summary>Why <paramref name="name"/> cannot be a field name, or null.</summary>
    internal static string? FieldNameProblem(string name)
    {
        if (name.Length == 0) return "The new name is empty.";
        if (NameRules.CharacterProblem(name) is { } problem) return $"'{name}' is not a valid field name: {problem}.";
        var snake = Naming.ToSnakeCase(name);
        if (snake != name) return $"Field names are snake_case; use '{snake}'.";
        if (NameRules.IsReservedAttributeName(name)) return $"'{name}' is a Python keyword and cannot name a field.";
        if (NameRules.GeneratedColumns.TryGetValue(name, out var generated)) return $"'{name}' is reserved: {generated}.";
        if (NameRules.ReservedFieldNames.TryGetValue(name, out var why)) return $"'{name}' is reserved: {why}.";
        if (name.StartsWith("model_", StringComparison.Ordinal)) return $"'{name}' is reserved: Pydantic reserves every name starting with 'model_'.";
        return null;
    }

    /// <summary>Why <paramref name="name"/> cannot be an entity name, or null.</summary>
    internal static string? NameProblem(IdeDocument doc, string name)
    {
        if (name.Length == 0) return "The new name is empty.";
        if (NameRules.CharacterProblem(name) is { } problem) return $"'{name}' is not a valid entity name: {problem}.";
        if (!Naming.IsPascalCase(name))
            return $"Entity names are PascalCase; use '{Naming.ToPascalCase(name)}'.";
        if (NameRules.IsPythonKeyword(name) || NameRules.IsPythonKeyword(Naming.ToSnakeCase(name)))
            return $"'{name}' is a Python keyword and cannot name a class or module.";
        if (NameRules.ReservedEntityNames.TryGetValue(name, out var why)) return $"'{name}' is reserved: {why}.";
        if (name == "User" && SpecValidator.IsAuthEnabled(doc.Spec))
            return "'User' is generated by authentication; choose another name (e.g. 'Member') or disable auth.";
        return null;
    }

    /// <summary>The range of the name's characters (inside quotes), or null for a multi-line scalar.</summary>
    internal static SourceRange? Editable(ScalarNode token)
    {
        var r = token.Range;
        if (r.Start.Line != r.End.Line || token.Style is ScalarStyle.Literal or ScalarStyle.Folded) return null;
        return token.IsQuoted && r.End.Character - r.Start.Character >= 2
            ? new SourceRange(r.Start with { Character = r.Start.Character + 1 }, r.End with { Character = r.End.Character - 1 })
            : r;
    }
}
