using System.Text.Json;

namespace LspGen.LanguageServer.Protocol.Lsp;

/// <summary>Parameters of the initialize request.</summary>
public sealed record InitializeParams(
    int? ProcessId = null,
    ClientInfo? ClientInfo = null,
    string? RootUri = null,
    string? RootPath = null,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders = null,
    ClientCapabilities? Capabilities = null,
    JsonElement? InitializationOptions = null,
    string? Trace = null,
    string? Locale = null);

/// <summary>The client's name and version.</summary>
public sealed record ClientInfo(string Name, string? Version = null);

/// <summary>A workspace root folder.</summary>
public sealed record WorkspaceFolder(string Uri, string Name);

// Only the capabilities the server consults are modelled; unknown ones are ignored on read.

/// <summary>What the client supports (the subset LspGen looks at).</summary>
public sealed record ClientCapabilities
{
    public GeneralClientCapabilities? General { get; init; }
    public WindowClientCapabilities? Window { get; init; }
    public WorkspaceClientCapabilities? Workspace { get; init; }
    public TextDocumentClientCapabilities? TextDocument { get; init; }
}

/// <summary>General client capabilities, notably the offered position encodings.</summary>
public sealed record GeneralClientCapabilities
{
    public IReadOnlyList<string>? PositionEncodings { get; init; }
}

/// <summary>Window client capabilities.</summary>
public sealed record WindowClientCapabilities
{
    public bool? WorkDoneProgress { get; init; }
    public ShowDocumentClientCapabilities? ShowDocument { get; init; }
}

/// <summary>Whether the client supports window/showDocument (LSP 3.16: an object, not a flag; VS Code sends it).</summary>
public sealed record ShowDocumentClientCapabilities
{
    public bool Support { get; init; }
}

/// <summary>Workspace client capabilities.</summary>
public sealed record WorkspaceClientCapabilities
{
    public bool? ApplyEdit { get; init; }
    public bool? Configuration { get; init; }
    public bool? WorkspaceFolders { get; init; }
    public WorkspaceEditClientCapabilities? WorkspaceEdit { get; init; }
    public DynamicRegistrationCapability? DidChangeConfiguration { get; init; }
}

/// <summary>What the client accepts in a <see cref="Lsp.WorkspaceEdit"/>.</summary>
public sealed record WorkspaceEditClientCapabilities
{
    public bool? DocumentChanges { get; init; }
    public IReadOnlyList<string>? ResourceOperations { get; init; }
}

/// <summary>The common "dynamicRegistration" flag of many capabilities.</summary>
public sealed record DynamicRegistrationCapability
{
    public bool? DynamicRegistration { get; init; }
}

/// <summary>Text document client capabilities.</summary>
public sealed record TextDocumentClientCapabilities
{
    public CompletionClientCapabilities? Completion { get; init; }
    public HoverClientCapabilities? Hover { get; init; }
    public PublishDiagnosticsClientCapabilities? PublishDiagnostics { get; init; }
    public CodeActionClientCapabilities? CodeAction { get; init; }
    public DocumentSymbolClientCapabilities? DocumentSymbol { get; init; }
    public RenameClientCapabilities? Rename { get; init; }
}

/// <summary>Completion client capabilities.</summary>
public sealed record CompletionClientCapabilities
{
    public CompletionItemClientCapabilities? CompletionItem { get; init; }
}

/// <summary>Completion item client capabilities.</summary>
public sealed record CompletionItemClientCapabilities
{
    public bool? SnippetSupport { get; init; }
    public IReadOnlyList<string>? DocumentationFormat { get; init; }
}

/// <summary>Hover client capabilities.</summary>
public sealed record HoverClientCapabilities
{
    public IReadOnlyList<string>? ContentFormat { get; init; }
}

/// <summary>Diagnostics client capabilities.</summary>
public sealed record PublishDiagnosticsClientCapabilities
{
    public bool? RelatedInformation { get; init; }
    public bool? VersionSupport { get; init; }
    public bool? CodeDescriptionSupport { get; init; }
}

/// <summary>Code action client capabilities.</summary>
public sealed record CodeActionClientCapabilities
{
    public JsonElement? CodeActionLiteralSupport { get; init; }
    public bool? IsPreferredSupport { get; init; }
}

/// <summary>Document symbol client capabilities.</summary>
public sealed record DocumentSymbolClientCapabilities
{
    public bool? HierarchicalDocumentSymbolSupport { get; init; }
}

/// <summary>Rename client capabilities.</summary>
public sealed record RenameClientCapabilities
{
    public bool? PrepareSupport { get; init; }
}

/// <summary>The result of initialize.</summary>
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo? ServerInfo = null);

/// <summary>The server's name and version.</summary>
public sealed record ServerInfo(string Name, string? Version = null);

/// <summary>What the server offers; unset members are not offered.</summary>
public sealed record ServerCapabilities
{
    /// <summary>The negotiated encoding, see <see cref="Protocol.PositionEncoding.Negotiate"/>.</summary>
    public string? PositionEncoding { get; init; }
    public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public bool? HoverProvider { get; init; }
    public bool? DefinitionProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public bool? DocumentSymbolProvider { get; init; }
    public CodeActionOptions? CodeActionProvider { get; init; }
    public CodeLensOptions? CodeLensProvider { get; init; }
    public bool? FoldingRangeProvider { get; init; }
    public RenameOptions? RenameProvider { get; init; }
    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }
}

/// <summary>How documents are synchronised.</summary>
public sealed record TextDocumentSyncOptions
{
    public bool? OpenClose { get; init; }
    public TextDocumentSyncKind? Change { get; init; }
    public SaveOptions? Save { get; init; }
}

/// <summary>Sync kinds.</summary>
public enum TextDocumentSyncKind
{
    None = 0,
    Full = 1,
    Incremental = 2,
}

/// <summary>Save notification options.</summary>
public sealed record SaveOptions(bool? IncludeText = null);

/// <summary>Completion options.</summary>
public sealed record CompletionOptions
{
    public IReadOnlyList<string>? TriggerCharacters { get; init; }
    public bool? ResolveProvider { get; init; }
}

/// <summary>Code action options.</summary>
public sealed record CodeActionOptions
{
    public IReadOnlyList<string>? CodeActionKinds { get; init; }
    public bool? ResolveProvider { get; init; }
}

/// <summary>Code lens options.</summary>
public sealed record CodeLensOptions(bool? ResolveProvider = null);

/// <summary>Rename options.</summary>
public sealed record RenameOptions(bool? PrepareProvider = null);

/// <summary>The commands the server executes.</summary>
public sealed record ExecuteCommandOptions(IReadOnlyList<string> Commands);
