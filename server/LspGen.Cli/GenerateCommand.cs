using System.CommandLine;
using LspGen.Compiler;
using LspGen.Compiler.Migrate;
using LspGen.Compiler.Write;

namespace LspGen.Cli;

/// <summary><c>lspgen generate &lt;spec&gt; [--out dir] [--force] [--zip file|-]</c>: the main job.</summary>
public static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<string>("spec") { Description = "The spec file (YAML or JSON), or a PRD in markdown (*.md, *.prd.md)." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Output folder (default: ./<project_name>). Regenerating into it keeps files you edited (exit 3) unless --force.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Overwrite files you edited since the last generation, and remove edited files of removed entities.",
        };
        var zip = new Option<string?>("--zip")
        {
            Description = "Write a zip of the project to this file ('-' for stdout) instead of a folder; with --out, write both.",
        };
        var command = new Command("generate", "Compile a spec into a FastAPI + SQLAlchemy + Alembic + PostgreSQL project.")
        {
            spec, output, force, zip,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(spec), parse.GetValue(output), parse.GetValue(force), parse.GetValue(zip)));
        return command;
    }

    private static int Run(CliContext context, string specPath, string? outFolder, bool force, string? zipTarget)
    {
        var zipToStdout = zipTarget == "-";
        // With the zip on stdout, stdout carries only the archive: every message goes to stderr.
        var messages = zipToStdout ? context.Error : context.Out;

        var text = Cli.ReadInput(context, specPath);
        // The migration history lives in the output folder: only a run that writes there continues it.
        var result = Pipeline.Compile(text, specPath, analysis => zipTarget is not null && outFolder is null
            ? MigrationHistory.Fresh
            : MigrationHistoryReader.Read(context.FullPath(outFolder ?? analysis.Document.ProjectName!.Value.Value)));
        var diagnostics = result.Analysis.Diagnostics;
        DiagnosticOutput.WriteText(context.Error, specPath, diagnostics);
        if (result.HistoryError is { } historyError)
        {
            context.Error.WriteLine($"{outFolder ?? result.ProjectName}: error: {historyError}; nothing was written");
            return ExitCodes.SpecErrors;
        }
        if (result.Plan is { HasUnsafe: true } unsafePlan)
        {
            foreach (var op in unsafePlan.Operations.Where(o => o.Impact == OperationImpact.Unsafe))
                context.Error.WriteLine($"{specPath}: error: {op.Message} (migration: {op.Summary})");
            context.Error.WriteLine($"{specPath}: the next migration cannot run against existing rows; nothing was written (see 'lspgen plan')");
            return ExitCodes.SpecErrors;
        }
        if (result.Files is not { } files)
        {
            context.Error.WriteLine($"{DiagnosticOutput.Summary(specPath, diagnostics)}; nothing was written");
            return ExitCodes.SpecErrors;
        }
        var project = result.ProjectName!;

        if (zipTarget is not null)
        {
            if (zipToStdout)
            {
                using var stdout = context.OpenStdout();
                Pipeline.Zip(stdout, project, files);
            }
            else
            {
                WriteZipFile(context.FullPath(zipTarget), project, files);
                messages.WriteLine($"Wrote {zipTarget} ({files.Count} files under {project}/)");
            }
            if (outFolder is null) return ExitCodes.Ok;
        }

        var folder = outFolder ?? project;
        var report = Pipeline.Write(context.FullPath(folder), files, new WriteOptions(force));
        PrintReport(messages, context.Error, folder, report);
        if (result.Plan is { Revision: { } revision } plan)
        {
            messages.WriteLine($"{folder}/{revision.Path}: new migration, {plan.Changes.Count()} change(s):");
            foreach (var op in plan.Changes) messages.WriteLine("  " + op.Summary);
        }
        return report.HasConflicts ? ExitCodes.Conflicts : ExitCodes.Ok;
    }

    private static void WriteZipFile(string path, string project, IReadOnlyList<GeneratedFile> files)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) throw new UsageException($"cannot write the zip: folder '{folder}' does not exist");
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.lspgen-tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                Pipeline.Zip(stream, project, files);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void PrintReport(TextWriter messages, TextWriter errors, string folder, WriteReport report)
    {
        string In(string path) => Path.Combine(folder, path).Replace('\\', '/');
        foreach (var path in report.ConflictsKept)
            errors.WriteLine($"{In(path)}: conflict: changed since lspgen wrote it (or not written by lspgen); kept as is. Use --force to overwrite it.");
        foreach (var path in report.OrphansKept)
            errors.WriteLine($"{In(path)}: conflict: no longer generated but edited; kept. Delete it yourself, or use --force to remove it.");
        foreach (var path in report.Removed)
            messages.WriteLine($"{In(path)}: removed (no longer generated)");

        var parts = new List<string> { $"{report.Written.Count} written", $"{report.Unchanged.Count} unchanged" };
        if (report.Removed.Count > 0) parts.Add($"{report.Removed.Count} removed");
        if (report.UserOwnedKept.Count > 0) parts.Add($"{report.UserOwnedKept.Count} yours kept");
        if (report.SkippedByIgnore.Count > 0) parts.Add($"{report.SkippedByIgnore.Count} ignored (.lspgenignore)");
        var conflicts = report.ConflictsKept.Count + report.OrphansKept.Count;
        if (conflicts > 0) parts.Add($"{conflicts} conflict{(conflicts == 1 ? "" : "s")} kept");
        (conflicts > 0 ? errors : messages).WriteLine($"{folder}: {string.Join(", ", parts)}");
    }
}
