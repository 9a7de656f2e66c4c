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
    /// Where docs/diagnostics.md is published. An editor opens codeDescription.href in a browser, so it
    /// must be an absolute https URL (a file:// path would point into the developer's checkout and a
    /// relative link is not a valid URI in LSP); each code's section anchor is its lower-case id
    /// (docs/diagnostics.md#lsg012), the same anchor the CLI prints.
    /// </summary>
    public const string DocsBaseUrl = "https://lspgen.dev/docs/diagnostics.md";

    public static string HelpLink(string code) => DocsBaseUrl + "#" + code.ToLowerInvariant();

    /// <summary>Converts one diagnostic; positions go through <paramref name="lines"/> (negotiated encoding).</summary>
    public static Diagnostic ToProtocol(SpecDiagnostic diagnostic, string uri, TextDocumentBuffer lines) => new(
        Range: lines.ToProtocol(diagnostic.Range),
        Message: diagnostic.Message,
        Severity: (DiagnosticSeverity)(int)diagnostic.Severity,
        Code: diagnostic.Code,
        CodeDescription: new CodeDescription(HelpLink(diagnostic.Code)),
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
