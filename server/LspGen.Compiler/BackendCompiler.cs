using LspGen.Compiler.Enrich;
using LspGen.Compiler.Render;
using LspGen.Spec.Model;

namespace LspGen.Compiler;

/// <summary>spec → FastAPI project files: enrich (defaults, names) then render (templates). No I/O.</summary>
public static class BackendCompiler
{
    /// <summary>
    /// Compiles a validated spec into the files of the generated project, sorted by path.
    /// Precondition: <c>SpecAnalyzer.Analyze</c> reported no errors for <paramref name="doc"/>.
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Compile(SpecDocument doc) =>
        Renderer.Render(Enricher.Enrich(doc));
}
