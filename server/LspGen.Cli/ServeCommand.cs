using System.CommandLine;
using System.Runtime.InteropServices;
using LspGen.Web;

namespace LspGen.Cli;

/// <summary><c>lspgen serve [--port 8080] [--host 127.0.0.1]</c>: the one-page web generator (server/LspGen.Web).</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host")
        {
            Description = "IP address to listen on; loopback by default. Anything else makes the page reachable from other machines.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var llm = new LlmOptions();
        var command = new Command("serve", "Serve a web page that validates a spec or PRD as you type and downloads the generated backend as a zip; with --base-url/--model it also drafts specs.")
        {
            port, host,
        };
        llm.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(host)!, parse.GetValue(port), llm.Given(parse) ? llm.Read(parse) : null, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string host, int port, Drafting.DraftOptions? draft, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535) throw new UsageException("--port must be between 0 and 65535");
        if (!WebServer.IsLoopback(host))
            context.Error.WriteLine($"lspgen serve: warning: listening on {host}, not loopback: other machines can use this page{(draft is null ? "" : " and draft specs with your LLM endpoint")}. There is no authentication.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext signal) { signal.Cancel = true; stop.Cancel(); }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        WebServer server;
        try
        {
            server = await WebServer.StartAsync(new WebOptions { Host = host, Port = port, Draft = draft, Log = context.Error }, stop.Token);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        await using (server)
        {
            foreach (var address in server.Addresses) context.Out.WriteLine($"LspGen web generator: {address}/");
            context.Out.WriteLine(draft is null
                ? "Drafting from a description is off (start with --base-url/--model to offer it). Press Ctrl+C to stop."
                : $"Drafting with {draft.Model} at {draft.BaseUrl}. Press Ctrl+C to stop.");
            context.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return ExitCodes.Ok;
    }
}
