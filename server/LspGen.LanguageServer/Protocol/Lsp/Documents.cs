namespace LspGen.LanguageServer.Protocol.Lsp;

/// <summary>Parameters of textDocument/didOpen.</summary>
public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>Parameters of textDocument/didChange; apply the changes in order (see TextDocumentBuffer).</summary>
public sealed record DidChangeTextDocumentParams(
    VersionedTextDocumentIdentifier TextDocument,
    IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>One change: <c>Range</c> replaced by <c>Text</c>, or the whole document when Range is null.</summary>
public sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null, int? RangeLength = null);

/// <summary>Parameters of textDocument/didClose.</summary>
public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>Parameters of textDocument/didSave.</summary>
public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text = null);
