using System.Text.Json.Serialization;

namespace LspGen.LanguageServer.Protocol.Lsp;

// Results of LspGen's own workspace/executeCommand commands. They are not LSP types, but they travel
// as JSON-RPC results, so their contracts live next to the LSP ones (ServerJsonContext below).

/// <summary>The result of <c>lspgen.generate</c>: where the project went and what happened to each file.</summary>
/// <param name="OutputFolder">Absolute path of the folder written into.</param>
/// <param name="Written">Number of files created or overwritten.</param>
/// <param name="Unchanged">Number of files whose content was already the generated one.</param>
/// <param name="Conflicts">Files the user edited that were kept as they are (relative '/' paths).</param>
/// <param name="Removed">Files no longer generated and deleted (relative '/' paths).</param>
public sealed record GenerateResult(
    string OutputFolder,
    int Written,
    int Unchanged,
    IReadOnlyList<string> Conflicts,
    IReadOnlyList<string> Removed);

/// <summary>
/// The result of <c>lspgen.preview</c>: the files <c>lspgen.generate</c> would write, and the operations of the
/// migration it would add (one terraform-plan-like line each; empty without a schema snapshot or without a change).
/// </summary>
public sealed record PreviewResult(string OutputFolder, IReadOnlyList<PreviewFile> Files, IReadOnlyList<string> Migration);

/// <summary>One file of a preview: its relative '/' path and who owns it after generation ("generator" or "user").</summary>
public sealed record PreviewFile(string Path, string Owner);

/// <summary>The result of <c>lspgen.prdToSpec</c>: the spec.yaml written next to the PRD.</summary>
public sealed record PrdToSpecResult(string SpecUri, string SpecPath);

/// <summary>Contracts of the server's own result types; passed to the connection as additional types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateResult))]
[JsonSerializable(typeof(PreviewResult))]
[JsonSerializable(typeof(PrdToSpecResult))]
[JsonSerializable(typeof(Diagnostic))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(PrepareRenameResult))]
[JsonSerializable(typeof(IReadOnlyList<Location>))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class ServerJsonContext : JsonSerializerContext;

/// <summary>How the client treats the indentation of a multi-line completion (LSP 3.16 insertTextMode).</summary>
public enum InsertTextMode
{
    /// <summary>Insert as is: the text already carries its absolute indentation.</summary>
    AsIs = 1,
    AdjustIndentation = 2,
}
