using System.Text.Json;
using System.Text.Json.Serialization;

namespace LspGen.LanguageServer.Protocol.Lsp;

/// <summary>Parameters of textDocument/completion.</summary>
public sealed record CompletionParams(
    TextDocumentIdentifier TextDocument,
    Position Position,
    CompletionContext? Context = null,
    ProgressToken? WorkDoneToken = null) : TextDocumentPositionParams(TextDocument, Position);

/// <summary>How completion was triggered.</summary>
public sealed record CompletionContext(CompletionTriggerKind TriggerKind, string? TriggerCharacter = null);

/// <summary>Completion trigger kinds.</summary>
public enum CompletionTriggerKind
{
    Invoked = 1,
    TriggerCharacter = 2,
    TriggerForIncompleteCompletions = 3,
}

/// <summary>Completion item kinds.</summary>
public enum CompletionItemKind
{
    Text = 1, Method = 2, Function = 3, Constructor = 4, Field = 5, Variable = 6, Class = 7, Interface = 8,
    Module = 9, Property = 10, Unit = 11, Value = 12, Enum = 13, Keyword = 14, Snippet = 15, Color = 16,
    File = 17, Reference = 18, Folder = 19, EnumMember = 20, Constant = 21, Struct = 22, Event = 23,
    Operator = 24, TypeParameter = 25,
}

/// <summary>Whether insert text is plain or a snippet with $1 placeholders.</summary>
public enum InsertTextFormat
{
    PlainText = 1,
    Snippet = 2,
}

/// <summary>One completion proposal.</summary>
public sealed record CompletionItem(string Label)
{
    public CompletionItemKind? Kind { get; init; }
    public string? Detail { get; init; }
    public MarkupContent? Documentation { get; init; }
    public bool? Preselect { get; init; }
    public string? SortText { get; init; }
    public string? FilterText { get; init; }
    public string? InsertText { get; init; }
    public InsertTextFormat? InsertTextFormat { get; init; }
    public InsertTextMode? InsertTextMode { get; init; }
    public TextEdit? TextEdit { get; init; }
    public IReadOnlyList<TextEdit>? AdditionalTextEdits { get; init; }
    public Command? Command { get; init; }
    public JsonElement? Data { get; init; }
}

/// <summary>The completion result (always a list, never a bare array).</summary>
public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

/// <summary>The hover result.</summary>
public sealed record Hover(MarkupContent Contents, Range? Range = null);

/// <summary>Parameters of textDocument/references.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext Context)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>Whether references include the declaration.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary>Parameters of textDocument/rename.</summary>
public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>The prepareRename result: the range to rename and the text to propose.</summary>
public sealed record PrepareRenameResult(Range Range, string Placeholder);

/// <summary>Parameters of textDocument/codeAction.</summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

/// <summary>The diagnostics at the code action range and the requested kinds.</summary>
public sealed record CodeActionContext(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string>? Only = null);

/// <summary>Code action kinds.</summary>
public static class CodeActionKind
{
    public const string QuickFix = "quickfix";
    public const string Refactor = "refactor";
    public const string RefactorRewrite = "refactor.rewrite";
    public const string Source = "source";
}

/// <summary>A code action: an edit and/or a command.</summary>
public sealed record CodeAction(string Title)
{
    public string? Kind { get; init; }
    public IReadOnlyList<Diagnostic>? Diagnostics { get; init; }
    public bool? IsPreferred { get; init; }
    public WorkspaceEdit? Edit { get; init; }
    public Command? Command { get; init; }
}

/// <summary>Parameters of textDocument/documentSymbol, foldingRange and codeLens.</summary>
public sealed record DocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>Symbol kinds.</summary>
public enum SymbolKind
{
    File = 1, Module = 2, Namespace = 3, Package = 4, Class = 5, Method = 6, Property = 7, Field = 8,
    Constructor = 9, Enum = 10, Interface = 11, Function = 12, Variable = 13, Constant = 14, String = 15,
    Number = 16, Boolean = 17, Array = 18, Object = 19, Key = 20, Null = 21, EnumMember = 22, Struct = 23,
    Event = 24, Operator = 25, TypeParameter = 26,
}

/// <summary>A hierarchical document symbol.</summary>
public sealed record DocumentSymbol(
    string Name,
    SymbolKind Kind,
    Range Range,
    Range SelectionRange,
    string? Detail = null,
    IReadOnlyList<DocumentSymbol>? Children = null);

/// <summary>Folding range kinds.</summary>
public static class FoldingRangeKind
{
    public const string Comment = "comment";
    public const string Imports = "imports";
    public const string Region = "region";
}

/// <summary>A foldable line range.</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind = null);

/// <summary>A command shown above a range.</summary>
public sealed record CodeLens(Range Range, Command? Command = null, JsonElement? Data = null);

/// <summary>Parameters of workspace/executeCommand.</summary>
public sealed record ExecuteCommandParams(
    [property: JsonPropertyName("command")] string CommandName,
    IReadOnlyList<JsonElement>? Arguments = null,
    ProgressToken? WorkDoneToken = null);
