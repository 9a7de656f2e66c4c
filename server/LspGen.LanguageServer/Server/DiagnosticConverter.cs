using System.Buffers;
using System.Text.Json;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using SpecDiagnostic = LspGen.Spec.Diagnostics.Diagnostic;

namespace LspGen.LanguageServer.Server;

/// <summary>Our diagnostics → LSP diagnostics (the to_proto of diagnostics).</summary>
public static class DiagnosticConverter
{
    /// <summary>Every diagnostic's published source.</summary>
    public const string Source = "lspgen";

    /// <summary>
    /// docs/diagnostics.md as shipped beside the server (the build copies it to docs/ in the output and
    /// publish folders, so the VS Code extension's bundled server has it too). An editor opens
    /// codeDescription.href, so the link must work without a network: a file URI of that copy, with
    /// the code's section anchor (its lower-case id). Null when the copy is missing, and then no link
    /// is sent rather than a dead one.
    /// </summary>
    public static readonly string? DocsUri = LocateDocs(AppContext.BaseDirectory);

    internal static string? LocateDocs(string baseDirectory)
    {
        var path = Path.Combine(baseDirectory, "docs", "diagnostics.md");
        return File.Exists(path) ? new Uri(path).AbsoluteUri : null;
    }

    public static string? HelpLink(string code) => DocsUri is null ? null : DocsUri + "#" + code.ToLowerInvariant();

    /// <summary>Converts one diagnostic; positions go through <paramref name="lines"/> (negotiated encoding).</summary>
    public static Diagnostic ToProtocol(SpecDiagnostic diagnostic, string uri, TextDocumentBuffer lines) => new(
        Range: lines.ToProtocol(diagnostic.Range),
        Message: diagnostic.Message,
        Severity: (DiagnosticSeverity)(int)diagnostic.Severity,
        Code: diagnostic.Code,
        CodeDescription: HelpLink(diagnostic.Code) is { } href ? new CodeDescription(href) : null,
        Source: Source,
        RelatedInformation: diagnostic.Related.Count == 0
            ? null
            : [.. diagnostic.Related.Select(r => new DiagnosticRelatedInformation(new Location(uri, lines.ToProtocol(r.Range)), r.Message))],
        Data: diagnostic.Data.Count == 0 ? null : ToJson(diagnostic.Data));

    // Diagnostic.data round-trips through the client untouched (LSP 3.16), so quick fixes can read it back.
    static JsonElement ToJson(IReadOnlyDictionary<string, string> data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in data) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
