using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;

namespace LspGen.Spec;

/// <summary>
/// What the front end and validator say about one document: the spec model (always present, possibly
/// partial when the text is broken) and every diagnostic, in document order.
/// </summary>
public sealed record SpecAnalysis(SpecDocument Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
