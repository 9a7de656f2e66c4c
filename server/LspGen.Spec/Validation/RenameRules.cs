using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Validation;

/// <summary>
/// <c>renamed_from</c> on entities and fields (LSG022, LSG023). Names compare after normalisation
/// (snake_case), as the compiler does: <c>renamed_from: DueDate</c> on <c>due_date</c> is its own name.
/// Whether the old name exists in the database is the migration planner's question, not the
/// validator's (it has no snapshot); here only what the spec alone can decide is checked.
/// </summary>
internal static class RenameRules
{
    public static void Validate(SpecDocument doc, List<Diagnostic> diagnostics)
    {
        var entityNames = Names(doc.Entities.Select(e => e.Name));
        var entityClaims = new Dictionary<string, EntitySpec>(StringComparer.Ordinal);
        foreach (var entity in doc.Entities)
        {
            if (entity.RenamedFrom is { } old)
                Check(old, entity.Name, "entity", entityNames, entityClaims, entity,
                    e => e.Name.Value, e => e.RenamedFrom!.Value.Range, diagnostics);

            var fieldNames = Names(entity.Fields.Select(f => f.Name));
            var fieldClaims = new Dictionary<string, FieldSpec>(StringComparer.Ordinal);
            foreach (var field in entity.Fields)
            {
                if (field.RenamedFrom is { } oldField)
                    Check(oldField, field.Name, "field", fieldNames, fieldClaims, field,
                        f => f.Name.Value, f => f.RenamedFrom!.Value.Range, diagnostics);
            }
        }
    }

    private static Dictionary<string, Located<string>> Names(IEnumerable<Located<string>> names)
    {
        var map = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var name in names)
            if (SpecValidator.IsWritten(name)) map.TryAdd(SpecValidator.SnakeCaseOf(name.Value), name);
        return map;
    }

    private static void Check<T>(Located<string> old, Located<string> own, string what,
        Dictionary<string, Located<string>> names, Dictionary<string, T> claims, T item,
        Func<T, string> nameOf, Func<T, SourceRange> claimRange, List<Diagnostic> diagnostics)
    {
        var text = SpecValidator.Short(old.Value);
        if (NameRules.CharacterProblem(old.Value) is { } problem)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidRenamedFrom, old.Range, text,
                FormattableString.Invariant($"it is not a valid {what} name ({problem})")));
            return;
        }
        var snake = SpecValidator.SnakeCaseOf(old.Value);
        if (SpecValidator.IsWritten(own) && snake == SpecValidator.SnakeCaseOf(own.Value))
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidRenamedFrom, old.Range, text,
                FormattableString.Invariant($"it is the {what}'s own name, so nothing is renamed; remove renamed_from")));
            return;
        }
        if (names.TryGetValue(snake, out var other))
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidRenamedFrom, old.Range, text,
                    FormattableString.Invariant($"the {what} '{SpecValidator.Short(other.Value)}' of this spec has that name, and a rename would take its {(what == "entity" ? "table" : "column")}; renamed_from names a previous name that no {what} uses any more"))
                .WithRelated(new RelatedLocation(other.Range, FormattableString.Invariant($"'{SpecValidator.Short(other.Value)}' is declared here"))));
            return;
        }
        if (!claims.TryAdd(snake, item))
        {
            var first = claims[snake];
            diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateRenamedFrom, old.Range, what, SpecValidator.Short(own.Value), text,
                    SpecValidator.Short(nameOf(first)))
                .WithRelated(new RelatedLocation(claimRange(first), FormattableString.Invariant($"'{SpecValidator.Short(nameOf(first))}' is renamed from '{text}' here"))));
        }
    }
}
