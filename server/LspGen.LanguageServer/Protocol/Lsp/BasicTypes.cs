using System.Text.Json;
using System.Text.Json.Serialization;

namespace LspGen.LanguageServer.Protocol.Lsp;

// The LSP data types as they travel on the wire. Optional LSP fields are nullable with a default
// of null so that they may be absent; required fields are constructor parameters without a default,
// so a message that lacks them fails to deserialise (InvalidParams) instead of reaching a handler.
// Character offsets are in the negotiated position encoding (see PositionEncoding), not UTF-16.

/// <summary>A wire position: 0-based line and character offset in the negotiated position encoding.</summary>
public readonly record struct Position(int Line, int Character);

/// <summary>A wire range [Start, End) in the negotiated position encoding.</summary>
public readonly record struct Range(Position Start, Position End);

/// <summary>A range inside a document identified by URI.</summary>
public sealed record Location(string Uri, Range Range);

/// <summary>A replacement of <c>Range</c> by <c>NewText</c>.</summary>
public sealed record TextEdit(Range Range, string NewText);

/// <summary>Identifies a text document by URI.</summary>
public sealed record TextDocumentIdentifier(string Uri);

/// <summary>Identifies a specific version of a text document.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>Identifies a text document and, if known, its version (null means "the file on disk").</summary>
public sealed record OptionalVersionedTextDocumentIdentifier(string Uri, int? Version);

/// <summary>A document as the client opened it.</summary>
public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>Parameters of every request that targets one position in a document.</summary>
public record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>Kinds of <see cref="MarkupContent"/>.</summary>
public static class MarkupKind
{
    public const string PlainText = "plaintext";
    public const string Markdown = "markdown";
}

/// <summary>Human-readable text with a format (see <see cref="MarkupKind"/>).</summary>
public sealed record MarkupContent(string Kind, string Value);

/// <summary>A command the client can ask the server to execute (workspace/executeCommand).</summary>
public sealed record Command(
    string Title,
    [property: JsonPropertyName("command")] string CommandName,
    IReadOnlyList<JsonElement>? Arguments = null);

/// <summary>Changes to many resources; use <c>Changes</c> for plain edits, <c>DocumentChanges</c> to create files.</summary>
public sealed record WorkspaceEdit
{
    public IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes { get; init; }
    public IReadOnlyList<DocumentChange>? DocumentChanges { get; init; }
}

/// <summary>One entry of <see cref="WorkspaceEdit.DocumentChanges"/>: an edit of a document or a file operation.</summary>
[JsonConverter(typeof(DocumentChangeConverter))]
public abstract record DocumentChange;

/// <summary>Edits of one versioned document.</summary>
public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextEdit> Edits) : DocumentChange;

/// <summary>Options of <see cref="CreateFile"/>.</summary>
public sealed record CreateFileOptions(bool? Overwrite = null, bool? IgnoreIfExists = null);

/// <summary>Creates a file (kind "create").</summary>
public sealed record CreateFile(string Uri, CreateFileOptions? Options = null) : DocumentChange
{
    public string Kind => "create";
}

/// <summary>
/// LSP distinguishes the entries of documentChanges by the presence of "kind", which System.Text.Json
/// polymorphism cannot express, so each case is (de)serialised through its own contract.
/// </summary>
public sealed class DocumentChangeConverter : JsonConverter<DocumentChange>
{
    public override DocumentChange? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("kind", out var kind))
        {
            return kind.GetString() == "create"
                ? element.Deserialize(ProtocolJsonContext.Default.CreateFile)
                : throw new JsonException($"Unsupported document change kind '{kind}'.");
        }
        return element.Deserialize(ProtocolJsonContext.Default.TextDocumentEdit);
    }

    public override void Write(Utf8JsonWriter writer, DocumentChange value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case TextDocumentEdit edit:
                JsonSerializer.Serialize(writer, edit, ProtocolJsonContext.Default.TextDocumentEdit);
                break;
            case CreateFile create:
                JsonSerializer.Serialize(writer, create, ProtocolJsonContext.Default.CreateFile);
                break;
            default:
                throw new JsonException($"Unsupported document change {value.GetType().Name}.");
        }
    }
}
