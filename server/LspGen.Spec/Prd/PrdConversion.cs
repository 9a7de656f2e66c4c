using LspGen.Spec.Emit;

namespace LspGen.Spec.Prd;

/// <summary>A PRD converted to spec.yaml: the analysis, and the YAML unless the PRD has errors.</summary>
public sealed record PrdConversionResult(SpecAnalysis Analysis, string? Yaml, string SpecPath);

/// <summary>
/// PRD → spec.yaml in one call, for every front door (<c>lspgen prd2spec</c>, the editor's "Convert to
/// spec.yaml" and <c>lspgen.prdToSpec</c>): a PRD with errors gives no YAML, so an invalid spec is never written.
/// </summary>
public static class PrdConversion
{
    /// <param name="prdPath">The PRD's path or file name: names the project without an H1, and the spec next to it.</param>
    public static PrdConversionResult Convert(string markdown, string prdPath)
    {
        var analysis = PrdAnalyzer.Analyze(markdown, prdPath);
        var yaml = analysis.HasErrors ? null : SpecYamlWriter.Write(analysis.Document, Path.GetFileName(prdPath));
        return new PrdConversionResult(analysis, yaml, SpecSources.SpecPathFor(prdPath));
    }
}
