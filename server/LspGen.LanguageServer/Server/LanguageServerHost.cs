using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Server;

/// <summary>Knobs of the server that tests and the benchmark set; the defaults are what `lspgen lsp` runs with.</summary>
/// <param name="Debounce">How long a didChange waits for the next keystroke before analysing.</param>
/// <param name="Log">The server log; stderr when null.</param>
public sealed record LanguageServerOptions(TimeSpan? Debounce = null, IServerLog? Log = null)
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(5);
}

/// <summary>
/// The LspGen language server: wires the document store, the language features and the commands onto
/// a JSON-RPC connection. Protocol plumbing lives in Protocol/, language decisions in LspGen.Ide and
/// LspGen.Spec; this layer only translates.
/// </summary>
public sealed class LanguageServerHost
{
    /// <summary>Completion is offered automatically after these characters (a key's colon, a space, a list dash).</summary>
    public static readonly IReadOnlyList<string> TriggerCharacters = [":", " ", "-"];

    readonly JsonRpcConnection connection;
    readonly SpecDocumentStore documents;
    readonly SpecMigrations migrations;
    readonly GenerateCommands commands;
    readonly DraftSpecCommand draftSpec;
    PositionEncoding encoding = PositionEncoding.Utf16;
    volatile ServerSettings settings = ServerSettings.Default;

    // Settings events (a push, or the start of a pull) are numbered; a pull's answer counts only while
    // no newer event happened. Answers to two pulls in flight (the one at "initialized" and one after
    // a didChangeConfiguration) finish on the thread pool in either order, and the older answer must
    // not overwrite the newer one.
    readonly Lock settingsGate = new();
    long settingsEvent;

    LanguageServerHost(PipeReader input, PipeWriter output, LanguageServerOptions options)
    {
        connection = new JsonRpcConnection(input, output, options.Log, ServerJsonContext.Default);
        migrations = new SpecMigrations(() => settings, connection.Log);
        documents = new SpecDocumentStore(connection, () => encoding, () => settings, options.Debounce ?? LanguageServerOptions.DefaultDebounce, migrations);
        commands = new GenerateCommands(connection, documents, () => settings);
        draftSpec = new DraftSpecCommand(connection);
        Register();
    }

    /// <summary>Runs the server until exit or the end of the input; returns the process exit code (0 after shutdown + exit).</summary>
    public static Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default) =>
        RunAsync(input, output, new LanguageServerOptions(), cancellationToken);

    /// <inheritdoc cref="RunAsync(Stream, Stream, CancellationToken)"/>
    public static Task<int> RunAsync(Stream input, Stream output, LanguageServerOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(PipeReader.Create(input), PipeWriter.Create(output), options, cancellationToken);

    /// <inheritdoc cref="RunAsync(Stream, Stream, CancellationToken)"/>
    public static Task<int> RunAsync(PipeReader input, PipeWriter output, LanguageServerOptions options, CancellationToken cancellationToken = default) =>
        new LanguageServerHost(input, output, options).connection.RunAsync(cancellationToken);

    void Register()
    {
        connection.OnRequest<InitializeParams, InitializeResult>("initialize", (p, _) => Initialize(p));
        connection.OnNotification("initialized", () => _ = PullSettingsAsync());

        connection.OnNotification<DidOpenTextDocumentParams>("textDocument/didOpen", p => documents.Open(p.TextDocument));
        connection.OnNotification<DidChangeTextDocumentParams>("textDocument/didChange", documents.Change);
        connection.OnNotification<DidCloseTextDocumentParams>("textDocument/didClose", p => documents.Close(p.TextDocument.Uri));
        connection.OnNotification<DidSaveTextDocumentParams>("textDocument/didSave", _ => { });

        connection.OnNotification<DidChangeConfigurationParams>("workspace/didChangeConfiguration", ChangeConfiguration);
        // A client that watches .lspgen-schema.json (the VS Code extension does) says when a generation
        // outside the editor changed it; the migration diagnostics follow without waiting for an edit.
        connection.OnNotification("workspace/didChangeWatchedFiles", documents.RepublishAll);
        connection.OnRequest<ExecuteCommandParams, JsonElement>("workspace/executeCommand", (p, ct) =>
            p.CommandName == DraftSpecCommand.Name ? draftSpec.ExecuteAsync(p, ct) : commands.ExecuteAsync(p, ct));

        LanguageFeatures.Register(connection, documents, migrations);
    }

    InitializeResult Initialize(InitializeParams parameters)
    {
        encoding = PositionEncoding.Negotiate(parameters.Capabilities);
        if (parameters.InitializationOptions is { ValueKind: JsonValueKind.Object } options)
            settings = ServerSettings.FromSettingsTree(options) ?? ServerSettings.FromSection(options);

        var capabilities = new ServerCapabilities
        {
            PositionEncoding = encoding.Name,
            TextDocumentSync = new TextDocumentSyncOptions { OpenClose = true, Change = TextDocumentSyncKind.Incremental },
            CompletionProvider = new CompletionOptions { TriggerCharacters = TriggerCharacters, ResolveProvider = false },
            HoverProvider = true,
            CodeActionProvider = new CodeActionOptions { CodeActionKinds = [CodeActionKind.QuickFix, LanguageFeatures.ConvertPrdKind], ResolveProvider = false },
            DocumentSymbolProvider = true,
            FoldingRangeProvider = true,
            DefinitionProvider = true,
            ReferencesProvider = true,
            RenameProvider = new RenameOptions(PrepareProvider: true),
            CodeLensProvider = new CodeLensOptions(ResolveProvider: false),
            ExecuteCommandProvider = new ExecuteCommandOptions([.. GenerateCommands.All, DraftSpecCommand.Name]),
        };
        // The product's version is the CLI's (the entry assembly); "+commit" suffixes are not shown to users.
        var version = (Assembly.GetEntryAssembly() ?? typeof(LanguageServerHost).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
        return new InitializeResult(capabilities, new ServerInfo("lspgen", version));
    }

    void ChangeConfiguration(DidChangeConfigurationParams parameters)
    {
        // Push-style clients send the settings; pull-style ones (VS Code) send null and expect a
        // workspace/configuration request. Either way, this notification handler must not wait for the
        // client: it runs on the read loop, which would then never read the answer.
        if (ServerSettings.FromSettingsTree(parameters.Settings) is { } pushed)
        {
            lock (settingsGate)
            {
                settingsEvent++;
                settings = pushed;
            }
            documents.RepublishAll();
            return;
        }
        _ = PullSettingsAsync();
    }

    async Task PullSettingsAsync()
    {
        if (connection.ClientCapabilities.Workspace?.Configuration != true) return;
        long mine;
        lock (settingsGate) mine = ++settingsEvent;
        try
        {
            var answer = await connection.SendRequestAsync<ConfigurationParams, JsonElement[]>("workspace/configuration",
                new ConfigurationParams([new ConfigurationItem(Section: "lspgen")])).ConfigureAwait(false);
            var pulled = answer is { Length: > 0 } ? ServerSettings.FromSection(answer[0]) : ServerSettings.Default;
            lock (settingsGate)
            {
                if (mine != settingsEvent || pulled == settings) return;
                settings = pulled;
            }
            documents.RepublishAll();
        }
        catch (Exception exception) when (exception is JsonRpcException or ConnectionClosedException or JsonException)
        {
            connection.Log.Write(LogLevel.Warning, $"Could not read the \"lspgen\" settings from the client: {exception.Message}");
        }
    }
}
