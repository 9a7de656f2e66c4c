using LspGen.Compiler;
using LspGen.Spec;

namespace LspGen.Web;

/// <summary>
/// The one place the page's text enters the pipeline. Today it is a spec (YAML or JSON); when the
/// pipeline gains a front-end dispatcher (spec or PRD), it is called here and the page follows.
/// </summary>
internal static class WebInput
{
    public static SpecAnalysis Analyze(string text) => SpecAnalyzer.Analyze(text);

    public static PipelineResult Compile(string text) => Pipeline.Compile(text);
}
