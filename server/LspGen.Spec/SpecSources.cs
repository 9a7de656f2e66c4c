using LspGen.Spec.Prd;

namespace LspGen.Spec;

/// <summary>
/// The one place that decides which front end reads a document: PRD markdown (<c>*.md</c>, including
/// <c>*.prd.md</c>) or spec YAML/JSON (everything else). The CLI and the language server both ask here.
/// </summary>
public static class SpecSources
{
    /// <summary>The language id editors use for PRD documents (VS Code extension, LSP didOpen).</summary>
    public const string PrdLanguageId = "lspgen-prd";

    public static bool IsPrd(string? path) =>
        path is not null && (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the spec converted from a PRD goes by default: next to it, "tracker.prd.md" → "tracker.spec.yaml".</summary>
    public static string SpecPathFor(string prdPath)
    {
        var name = Path.GetFileName(prdPath);
        foreach (var suffix in new[] { ".prd.md", ".md", ".markdown" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
                break;
            }
        }
        return prdPath[..^Path.GetFileName(prdPath).Length] + (name.Length == 0 ? "spec" : name) + ".spec.yaml";
    }

    /// <summary>Analyses <paramref name="text"/> with the front end <paramref name="path"/> calls for; never throws.</summary>
    public static SpecAnalysis Analyze(string text, string? path) =>
        IsPrd(path) ? PrdAnalyzer.Analyze(text, path) : SpecAnalyzer.Analyze(text);
}
