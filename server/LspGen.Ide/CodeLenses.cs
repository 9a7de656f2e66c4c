using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Lenses on the first line of a spec: "Generate backend" (command <see cref="GenerateCommand"/>) and a
/// summary of what will be generated (see <see cref="SpecSummary"/> for what is counted), and, when the
/// output folder has a schema snapshot and the spec changes the database, "Pending migration: N changes".
/// </summary>
public static class CodeLenses
{
    public const string GenerateCommand = "lspgen.generate";

    public static IReadOnlyList<CodeLens> For(IdeDocument doc) => For(doc, null);

    public static IReadOnlyList<CodeLens> For(IdeDocument doc, MigrationImpact? migration)
    {
        if (doc.Kind != DocumentKind.Spec || doc.Tree.Root is not MappingNode root) return [];
        var line = root.Range.Start.Line;
        var range = new SourceRange(new Position(line, 0), new Position(line, 0));
        var summary = SpecSummary.Of(doc.Spec);
        var errors = doc.Diagnostics.Count(d => d.Severity == Spec.Diagnostics.Severity.Error);
        var summaryTitle = errors == 0 ? summary.Title : summary.Title + " · " + SpecSummary.Plural(errors, "error", "errors");
        var lenses = new List<CodeLens> { new(range, "Generate backend", GenerateCommand, []) };
        if (migration is { ChangeCount: > 0 } pending)
            lenses.Add(new CodeLens(range, "Pending migration: " + SpecSummary.Plural(pending.ChangeCount, "change", "changes"), null, []));
        lenses.Add(new CodeLens(range, summaryTitle, null, []));
        return lenses;
    }
}
