using LspGen.Compiler;
using LspGen.Spec;

namespace LspGen.Web;

/// <summary>What the page's text is: a spec (YAML or JSON) or a PRD (Markdown).</summary>
public enum InputFormat { Spec, Prd }

/// <summary>
/// The one place the page's text enters the pipeline. The front end is chosen as the CLI chooses it
/// for a file (<see cref="SpecSources"/>): the page has no file name, so the format picks one.
/// </summary>
internal static class WebInput
{
    public static bool TryParseFormat(string? name, out InputFormat format)
    {
        format = InputFormat.Spec;
        switch (name)
        {
            case null or "spec": return true;
            case "prd": format = InputFormat.Prd; return true;
            default: return false;
        }
    }

    public static SpecAnalysis Analyze(string text, InputFormat format) => SpecSources.Analyze(text, FileName(format));

    public static PipelineResult Compile(string text, InputFormat format) => Pipeline.Compile(text, FileName(format));

    private static string? FileName(InputFormat format) => format == InputFormat.Prd ? "prd.md" : null;
}
