using System.CommandLine;
using LspGen.LanguageServer.Server;

namespace LspGen.Cli;

/// <summary><c>lspgen lsp [--stdio]</c>: run the language server over stdin/stdout (its log goes to stderr).</summary>
public static class LspCommand
{
    public static Command Create(CliContext context)
    {
        // VS Code's language client appends --stdio to the server's arguments; stdio is the only transport.
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport)." };
        var command = new Command("lsp", "Run the LspGen language server (LSP 3.17) over stdin/stdout for spec files.") { stdio };
        command.SetAction(_ =>
        {
            using var input = Console.OpenStandardInput();
            using var output = context.OpenStdout();
            Console.SetOut(Console.Error); // from now on a stray Console.WriteLine cannot corrupt the protocol stream
            return LanguageServerHost.RunAsync(input, output).GetAwaiter().GetResult();
        });
        return command;
    }
}
