using System.CommandLine;
using LspGen.Spec.Prd;

namespace LspGen.Cli;

/// <summary>
/// <c>lspgen prd2spec &lt;prd.md&gt; [-o spec.yaml] [--force]</c>: the PRD as an equivalent, commented spec.yaml
/// (generating from either gives byte-identical output). A PRD with errors is not converted (exit 1), and
/// an existing file is not overwritten without --force (exit 2), so a hand-edited spec is never lost.
/// </summary>
public static class Prd2SpecCommand
{
    public static Command Create(CliContext context)
    {
        var prd = new Argument<string>("prd") { Description = "The PRD in markdown (*.md, *.prd.md)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the spec to this file instead of stdout." };
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file if it exists." };
        var command = new Command("prd2spec", "Convert a PRD (markdown) into the equivalent spec.yaml. Exit 0: written; 1: the PRD has errors.")
        {
            prd, output, force,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(prd), parse.GetValue(output), parse.GetValue(force)));
        return command;
    }

    private static int Run(CliContext context, string prdPath, string? outPath, bool force)
    {
        var (analysis, converted, _) = PrdConversion.Convert(Cli.ReadInput(context, prdPath), prdPath);
        DiagnosticOutput.WriteText(context.Error, prdPath, analysis.Diagnostics);
        if (converted is not { } yaml)
        {
            context.Error.WriteLine($"{DiagnosticOutput.Summary(prdPath, analysis.Diagnostics)}; nothing was written");
            return ExitCodes.SpecErrors;
        }
        if (outPath is null)
        {
            context.Out.Write(yaml);
            return ExitCodes.Ok;
        }
        var full = context.FullPath(outPath);
        if (Directory.Exists(full)) throw new UsageException($"'{outPath}' is a folder; give a file name such as {Path.Combine(outPath, "spec.yaml")}");
        if (File.Exists(full) && !force) throw new UsageException($"'{outPath}' already exists; use --force to overwrite it");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new UsageException($"cannot write '{outPath}': folder '{folder}' does not exist");
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.lspgen-tmp-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, yaml);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        context.Out.WriteLine($"Wrote {outPath} ({analysis.Document.Entities.Count} entities)");
        return ExitCodes.Ok;
    }
}
