using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;
using LspGen.Spec.Validation;

namespace LspGen.Spec.Prd;

/// <summary>
/// The PRD front end: markdown → <see cref="SpecDocument"/> (ranges into the markdown) → the same
/// validator as spec.yaml. Pure, linear in the size of the text, and never throws.
/// </summary>
public static class PrdAnalyzer
{
    /// <param name="fileName">Names the project when the PRD has no H1 (e.g. "project-tracker.prd.md" → project_tracker).</param>
    public static SpecAnalysis Analyze(string markdown, string? fileName)
    {
        try
        {
            var parsed = PrdParser.Parse(markdown, fileName);
            // A PRD cannot say "primary_key: true" short of declaring a key, and the implicit 'id: uuid' is
            // what PRDs mean, so LSG013 would only be noise on every entity here.
            var semantic = SpecValidator.Validate(parsed.Document).Where(d => d.Descriptor != Descriptors.MissingPrimaryKey);
            return new SpecAnalysis(parsed.Document, SpecAnalyzer.Sort([.. parsed.Diagnostics, .. semantic]));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Safety net, as in SpecAnalyzer: reaching it is a bug, reported instead of crashing the CLI or the editor.
            var message = "Internal error in the LspGen PRD analyzer (please report it with this PRD): " + ex.GetType().Name + ": " + ex.Message;
            var start = SourceRange.At(0, 0);
            return new SpecAnalysis(SpecDocument.Empty(SourceKind.Prd, start),
                [new Diagnostic(Descriptors.NoEntitySection, Severity.Error, start, message, [], new SortedDictionary<string, string>(StringComparer.Ordinal))]);
        }
    }
}
