using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Quick fixes for the diagnostics in a range; each is a minimal edit.</summary>
public static class CodeActions
{
    /// <summary>Fixes for the document's own diagnostics that overlap <paramref name="range"/>.</summary>
    public static IReadOnlyList<CodeAction> For(IdeDocument doc, SourceRange range) =>
        For(doc, range, [.. doc.Diagnostics.Where(d => d.Range.Start <= range.End && range.Start <= d.Range.End)]);

    public static IReadOnlyList<CodeAction> For(IdeDocument doc, SourceRange range, IReadOnlyList<Diagnostic> diagnosticsInRange)
    {
        if (doc.Kind != DocumentKind.Spec) return [];
        return [];
    }
}
