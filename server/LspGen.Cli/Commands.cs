using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace LspGen.Cli;

/// <summary>
/// Where every lspgen subcommand is registered: one line per command. A new command (e.g. `lsp` from
/// the language server) is a class with a static <c>Create(CliContext)</c> and one line here.
/// </summary>
public static class Commands
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("lspgen: compile a backend spec (spec.yaml) into a FastAPI + PostgreSQL project.")
        {
            GenerateCommand.Create(context),
            ValidateCommand.Create(context),
            PlanCommand.Create(context),  // `lspgen plan spec.yaml`: the next migration, like terraform plan (server/LspGen.Compiler/Migrate)
            InitCommand.Create(context),
            Prd2SpecCommand.Create(context),   // `lspgen prd2spec prd.md [-o spec.yaml]` (server/LspGen.Spec/Prd)
            LspCommand.Create(context),   // `lspgen lsp [--stdio]`: the language server (server/LspGen.LanguageServer)
            DraftCommand.Create(context), // `lspgen draft "<description>"`: an LLM drafts a spec (server/LspGen.Drafting)
            ServeCommand.Create(context), // `lspgen serve`: the one-page web generator (server/LspGen.Web)
        };
        // The default --version reads the entry assembly, which is the test host when run in process.
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion(context);
        return root;
    }

    /// <summary>lspgen's own version, e.g. "0.1.0".</summary>
    public static string Version =>
        typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class PrintVersion(CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            context.Out.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}
