using System.CommandLine;
using LspGen.Spec;

namespace LspGen.Cli;

/// <summary><c>lspgen validate &lt;spec&gt; [--format text|json]</c>: report diagnostics, write nothing.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<string>("spec") { Description = "The spec file (YAML or JSON), or a PRD in markdown (*.md, *.prd.md)." };
        var format = new Option<string>("--format")
        {
            Description = "text: one line per diagnostic, like a compiler (stderr). json: an array of diagnostics with 0-based ranges (stdout).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", "Check a spec and report every problem with its exact location. Exit 0: no errors; 1: errors.")
        {
            spec, format,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(spec), parse.GetRequiredValue(format)));
        return command;
    }

    private static int Run(CliContext context, string specPath, string format)
    {
        var analysis = SpecSources.Analyze(Cli.ReadInput(context, specPath), specPath);
        if (format == "json")
        {
            context.Out.WriteLine(DiagnosticOutput.ToJson(analysis.Diagnostics));
        }
        else
        {
            DiagnosticOutput.WriteText(context.Error, specPath, analysis.Diagnostics);
            (analysis.HasErrors ? context.Error : context.Out).WriteLine(DiagnosticOutput.Summary(specPath, analysis.Diagnostics));
        }
        return analysis.HasErrors ? ExitCodes.SpecErrors : ExitCodes.Ok;
    }
}
