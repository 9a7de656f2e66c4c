using System.CommandLine;
using System.Globalization;
using LspGen.Compiler;
using LspGen.Compiler.Migrate;
using LspGen.Compiler.Write;
using LspGen.Ide;
using LspGen.Spec.Diagnostics;

namespace LspGen.Cli;

/// <summary>
/// <c>lspgen plan &lt;spec&gt; [--out dir]</c>: what the next <c>generate</c> would migrate, like
/// <c>terraform plan</c>. Writes nothing. Exit 0: nothing destructive; 4: a change drops or narrows
/// data; 1: spec errors, or a change that cannot run against existing rows.
/// </summary>
public static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<string>("spec") { Description = "The spec file (YAML or JSON), or a PRD in markdown (*.md, *.prd.md)." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "The generated project whose database the plan starts from (default: ./<project_name>); its .lspgen-schema.json records that database.",
        };
        var command = new Command("plan", "Show the database migration the next 'generate' would write, without writing anything. Exit 0: safe; 4: data would be dropped or narrowed; 1: errors or a change that cannot run.")
        {
            spec, output,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(spec), parse.GetValue(output)));
        return command;
    }

    private static int Run(CliContext context, string specPath, string? outFolder)
    {
        var text = Cli.ReadInput(context, specPath);
        string? folder = null;
        var result = Pipeline.Compile(text, specPath, analysis =>
        {
            folder = outFolder ?? analysis.Document.ProjectName!.Value.Value;
            return MigrationHistoryReader.Read(context.FullPath(folder));
        });
        var diagnostics = result.Analysis.Diagnostics;
        DiagnosticOutput.WriteText(context.Error, specPath, diagnostics);
        if (result.Analysis.HasErrors)
        {
            context.Error.WriteLine($"{DiagnosticOutput.Summary(specPath, diagnostics)}; no plan");
            return ExitCodes.SpecErrors;
        }
        if (result.HistoryError is { } historyError)
        {
            context.Error.WriteLine($"{folder}: error: {historyError}");
            return ExitCodes.SpecErrors;
        }
        var plan = result.Plan!;
        if (plan.IsInitial)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: no schema snapshot ({SchemaSnapshot.FileName}), so there is no database to migrate yet: the next 'lspgen generate' writes the initial migration, which creates {Plural(plan.Snapshot.Tables.Count, "table")}."));
            return ExitCodes.Ok;
        }

        // Unsafe operations, possible renames and renamed_from keys that do nothing are diagnostics on the spec's lines.
        var impact = MigrationImpacts.Of(result.Analysis.Document, plan);
        DiagnosticOutput.WriteText(context.Error, specPath, [.. impact.Diagnostics.Where(d => d.Severity is Severity.Error or Severity.Hint)]);

        var changes = plan.Changes.ToList();
        if (changes.Count == 0)
        {
            context.Out.WriteLine("No changes. The database schema matches the spec.");
            return ExitCodes.Ok;
        }
        foreach (var operation in plan.Operations) context.Out.WriteLine(operation.Summary);
        context.Out.WriteLine();
        var add = changes.Count(o => o.Kind is OperationKind.CreateTable or OperationKind.AddColumn or OperationKind.AddUnique or OperationKind.AddIndex or OperationKind.AddForeignKey);
        var destroy = changes.Count(o => o.Kind is OperationKind.DropTable or OperationKind.DropColumn or OperationKind.DropUnique or OperationKind.DropIndex or OperationKind.DropForeignKey);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Plan: {add} to add, {changes.Count - add - destroy} to change, {destroy} to destroy."));
        if (plan.HasUnsafe)
        {
            context.Error.WriteLine($"{specPath}: the next migration cannot run against existing rows; 'lspgen generate' refuses it until the spec says how (see the errors above)");
            return ExitCodes.SpecErrors;
        }
        if (plan.HasDestructive)
        {
            context.Error.WriteLine($"{specPath}: the next migration drops or narrows data (see the lines above)");
            return ExitCodes.DestructiveChanges;
        }
        return ExitCodes.Ok;
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
