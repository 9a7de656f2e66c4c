using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;
using LspGen.Spec.Validation;

namespace LspGen.Spec;

/// <summary>
/// The spec front end in one place: text → syntax tree → SpecDocument → validation. Pure (no I/O,
/// clock or environment), linear in the size of the text, and never throws.
/// </summary>
public static class SpecAnalyzer
{
    /// <summary>Only the syntax stage: the tree with key ranges the editor needs, and LSG001/LSG007/LSG008.</summary>
    public static SyntaxTree Parse(string text) => YamlSyntax.Parse(text);

    public static SpecAnalysis Analyze(string text) => Guarded(() => Analyze(Parse(text)));

    /// <summary>
    /// Loads and validates an already parsed tree (the language server parses once and reuses the tree).
    /// With syntax errors, the semantic validator is skipped: it reasons about the whole document, and a
    /// document cut short by an error would only produce follow-up noise (e.g. "unknown entity" for an
    /// entity declared below the error). The partial model is still returned.
    /// </summary>
    public static SpecAnalysis Analyze(SyntaxTree tree) => Guarded(() =>
    {
        var loaded = SpecLoader.Load(tree);
        var semantic = tree.HasSyntaxErrors ? [] : SpecValidator.Validate(loaded.Document);
        return new SpecAnalysis(loaded.Document, Sort([.. tree.Diagnostics, .. loaded.Diagnostics, .. semantic]));
    });

    // Safety net, not error handling: every known failure is a diagnostic by design, so reaching the
    // catch is a bug in LspGen. It is reported as LSG001 with an "Internal error" message (the tests
    // assert it never appears) instead of crashing the CLI or the language server.
    private static SpecAnalysis Guarded(Func<SpecAnalysis> analyze)
    {
        try
        {
            return analyze();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var message = "Internal error in the LspGen spec analyzer (please report it with this spec): " + ex.GetType().Name + ": " + ex.Message;
            var start = SourceRange.At(0, 0);
            return new SpecAnalysis(SpecDocument.Empty(SourceKind.Yaml, start),
                [new Diagnostic(Descriptors.SyntaxError, Severity.Error, start, message, [], new SortedDictionary<string, string>(StringComparer.Ordinal))]);
        }
    }

    /// <summary>Document order: by start position, then code, then message, so output is stable.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Range.Start).ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)];
}
