using System.Text.Json;

namespace LspGen.LanguageServer.Protocol.Lsp;

/// <summary>Message types of window/showMessage and window/logMessage.</summary>
public enum MessageType
{
    Error = 1,
    Warning = 2,
    Info = 3,
    Log = 4,
}

/// <summary>Parameters of window/showMessage.</summary>
public sealed record ShowMessageParams(MessageType Type, string Message);

/// <summary>Parameters of window/logMessage.</summary>
public sealed record LogMessageParams(MessageType Type, string Message);

/// <summary>Parameters of window/workDoneProgress/create.</summary>
public sealed record WorkDoneProgressCreateParams(ProgressToken Token);

/// <summary>Parameters of window/workDoneProgress/cancel.</summary>
public sealed record WorkDoneProgressCancelParams(ProgressToken Token);

/// <summary>The first $/progress value of a work-done progress.</summary>
public sealed record WorkDoneProgressBegin(string Title, bool? Cancellable = null, string? Message = null, int? Percentage = null)
{
    public string Kind => "begin";
}

/// <summary>An intermediate $/progress value.</summary>
public sealed record WorkDoneProgressReport(bool? Cancellable = null, string? Message = null, int? Percentage = null)
{
    public string Kind => "report";
}

/// <summary>The last $/progress value.</summary>
public sealed record WorkDoneProgressEnd(string? Message = null)
{
    public string Kind => "end";
}

/// <summary>Parameters of workspace/configuration.</summary>
public sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);

/// <summary>One requested configuration section.</summary>
public sealed record ConfigurationItem(string? ScopeUri = null, string? Section = null);

/// <summary>Parameters of workspace/didChangeConfiguration.</summary>
public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

/// <summary>Parameters of workspace/applyEdit.</summary>
public sealed record ApplyWorkspaceEditParams(WorkspaceEdit Edit, string? Label = null);

/// <summary>The client's answer to workspace/applyEdit.</summary>
public sealed record ApplyWorkspaceEditResult(bool Applied, string? FailureReason = null);
