namespace LspGen.LanguageServer.Protocol.Lsp;

/// <summary>Diagnostic severities.</summary>
public enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

/// <summary>Diagnostic tags.</summary>
public enum DiagnosticTag
{
    Unnecessary = 1,
    Deprecated = 2,
}

/// <summary>A diagnostic as the client shows it.</summary>
public sealed record Diagnostic(
    Range Range,
    string Message,
    DiagnosticSeverity? Severity = null,
    string? Code = null,
    CodeDescription? CodeDescription = null,
    string? Source = null,
    IReadOnlyList<DiagnosticTag>? Tags = null,
    IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation = null,
    System.Text.Json.JsonElement? Data = null);

/// <summary>A link to documentation of a diagnostic code.</summary>
public sealed record CodeDescription(string Href);

/// <summary>A secondary location of a diagnostic (e.g. the first declaration of a duplicate).</summary>
public sealed record DiagnosticRelatedInformation(Location Location, string Message);

/// <summary>Parameters of textDocument/publishDiagnostics.</summary>
public sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<Diagnostic> Diagnostics, int? Version = null);
