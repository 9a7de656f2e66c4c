using System.CommandLine;

namespace LspGen.Cli;

/// <summary>
/// Stands in for <c>lspgen serve</c> in a build without LspGen.Web (<c>-p:LspGenWeb=false</c>, the
/// build the VS Code extension ships), so the command says why it is missing instead of "unknown command".
/// </summary>
public static class WithoutWeb
{
    public static Command ServeCommand(CliContext context)
    {
        var command = new Command("serve", "Not in this build: the web generator needs the ASP.NET Core runtime.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            context.Error.WriteLine(
                "lspgen: error: this build of lspgen has no web generator (it was built with -p:LspGenWeb=false, " +
                "the build the VS Code extension ships so that it runs on the plain .NET runtime). " +
                "Run 'lspgen serve' from a full build: dotnet run --project server/LspGen.Cli -- serve");
            return ExitCodes.UsageOrIo;
        });
        return command;
    }
}
