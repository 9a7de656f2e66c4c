using LspGen.Compiler.Write;
using LspGen.Spec;

namespace LspGen.Compiler;

/// <summary>What compiling one spec text produced: the analysis (always) and the files (only when the spec has no errors).</summary>
public sealed record PipelineResult(SpecAnalysis Analysis, IReadOnlyList<GeneratedFile>? Files)
{
    /// <summary>The spec's project_name, which names the default output folder and the zip's top folder.</summary>
    public string? ProjectName => Analysis.Document.ProjectName?.Value;
}

/// <summary>
/// The whole compiler on one screen. Each stage lives in its own folder and is a pure function of the
/// previous stage's output, except the last one, which is the only place that touches the disk:
/// <code>
///   text ──parse, validate──▶ SpecAnalysis (SpecDocument + Diagnostics)   LspGen.Spec
///        ──enrich──────────▶ ProjectModel (names and defaults, once)        LspGen.Compiler/Enrich
///        ──render──────────▶ GeneratedFile[] (templates/fastapi)            LspGen.Compiler/Render
///        ──write───────────▶ output folder + .lspgen-manifest.json, or zip  LspGen.Compiler/Write
/// </code>
/// </summary>
public static class Pipeline
{
    /// <summary>Parse, validate, enrich and render. Never throws on any spec text; does no I/O.</summary>
    public static PipelineResult Compile(string specText) => Compile(specText, path: null);

    /// <summary>As <see cref="Compile(string)"/>, with the front end chosen by the file name: PRD markdown for <c>*.md</c> (see <see cref="SpecSources"/>).</summary>
    public static PipelineResult Compile(string text, string? path)
    {
        var analysis = SpecSources.Analyze(text, path);              // parse + validate: every problem is a diagnostic
        if (analysis.HasErrors) return new PipelineResult(analysis, null);
        var files = BackendCompiler.Compile(analysis.Document);      // enrich + render: pure, deterministic
        return new PipelineResult(analysis, files);
    }

    /// <summary>Write the files into <paramref name="outputFolder"/> under the manifest/conflict rules of <see cref="OutputWriter"/>.</summary>
    public static WriteReport Write(string outputFolder, IReadOnlyList<GeneratedFile> files, WriteOptions options) =>
        OutputWriter.Write(outputFolder, files, options);

    /// <summary>Pack the files into a deterministic zip under a folder named after the project.</summary>
    public static void Zip(Stream output, string projectName, IReadOnlyList<GeneratedFile> files) =>
        ZipWriter.Write(output, projectName, files);
}
