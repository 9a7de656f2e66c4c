using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LspGen.LanguageServer.Protocol;

/// <summary>A JSON-RPC request id: an integer or a string.</summary>
[JsonConverter(typeof(JsonRpcIdConverter))]
public readonly record struct JsonRpcId
{
    public long? Number { get; }
    public string? String { get; }

    public JsonRpcId(long number) => Number = number;
    public JsonRpcId(string text) => String = text ?? throw new ArgumentNullException(nameof(text));

    public static implicit operator JsonRpcId(long number) => new(number);
    public static implicit operator JsonRpcId(string text) => new(text);

    public override string ToString() => String ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "null";

    /// <summary>Reads an id, or returns false when the element is neither an integer nor a string.</summary>
    public static bool TryRead(JsonElement element, out JsonRpcId id)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                id = new JsonRpcId(element.GetString()!);
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                id = new JsonRpcId(number);
                return true;
            default:
                id = default;
                return false;
        }
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (String is not null) writer.WriteStringValue(String);
        else if (Number is long number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}

/// <summary>Reads and writes <see cref="JsonRpcId"/> as a bare JSON integer or string.</summary>
public sealed class JsonRpcIdConverter : JsonConverter<JsonRpcId>
{
    public override JsonRpcId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new JsonRpcId(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt64(out var number) => new JsonRpcId(number),
            _ => throw new JsonException("An id must be an integer or a string."),
        };

    public override void Write(Utf8JsonWriter writer, JsonRpcId value, JsonSerializerOptions options) =>
        value.WriteTo(writer);
}

/// <summary>A $/progress token: an integer or a string.</summary>
[JsonConverter(typeof(ProgressTokenConverter))]
public readonly record struct ProgressToken
{
    public long? Number { get; }
    public string? String { get; }

    public ProgressToken(long number) => Number = number;
    public ProgressToken(string text) => String = text ?? throw new ArgumentNullException(nameof(text));

    public static implicit operator ProgressToken(long number) => new(number);
    public static implicit operator ProgressToken(string text) => new(text);

    public override string ToString() => String ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "null";
}

/// <summary>Reads and writes <see cref="ProgressToken"/> as a bare JSON integer or string.</summary>
public sealed class ProgressTokenConverter : JsonConverter<ProgressToken>
{
    public override ProgressToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new ProgressToken(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt64(out var number) => new ProgressToken(number),
            _ => throw new JsonException("A progress token must be an integer or a string."),
        };

    public override void Write(Utf8JsonWriter writer, ProgressToken value, JsonSerializerOptions options)
    {
        if (value.String is not null) writer.WriteStringValue(value.String);
        else writer.WriteNumberValue(value.Number ?? 0);
    }
}
