using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Lenses on the first line of a spec: "Generate backend" (command <see cref="GenerateCommand"/>) and a
/// summary of what will be generated (see <see cref="SpecSummary"/> for what is counted).
/// </summary>
public static class CodeLenses
{
    public const string GenerateCommand = "lspgen.generate";

    public static IReadOnlyList<CodeLens> For(IdeDocument doc)
    {
        if (doc.Kind != DocumentKind.Spec || doc.Tree.Root is not MappingNode root) return [];
        var line = root.Range.Start.Line;
        var range = new SourceRange(new Position(line, 0), new Position(line, 0));
        var summary = SpecSummary.Of(doc.Spec);
        var errors = doc.Diagnostics.Count(d => d.Severity == Spec.Diagnostics.Severity.Error);
        var summaryTitle = errors == 0 ? summary.Title : summary.Title + " · " + SpecSummary.Plural(errors, "error", "errors");
        return
        [
            new CodeLens(range, "Generate backend", GenerateCommand, []),
            new CodeLens(range, summaryTitle, null, []),
        ];
    }
}
