using System.Text.Json;

namespace LspGen.LanguageServer.Protocol;

/// <summary>The JSON-RPC and LSP error codes.</summary>
public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int UnknownErrorCode = -32001;
    public const int RequestFailed = -32803;
    public const int ServerCancelled = -32802;
    public const int ContentModified = -32801;
    public const int RequestCancelled = -32800;
}

/// <summary>The error member of a JSON-RPC response.</summary>
public sealed record ResponseError(int Code, string Message, JsonElement? Data = null);

/// <summary>Parameters of $/cancelRequest.</summary>
public sealed record CancelParams(JsonRpcId Id);

/// <summary>Parameters of $/progress carrying a value of type <typeparamref name="T"/>.</summary>
public sealed record ProgressParams<T>(ProgressToken Token, T Value);

/// <summary>
/// A JSON-RPC error: thrown by a request handler to answer with this code and message (the message
/// reaches the user, so make it say what to do), and thrown by SendRequestAsync when the client
/// answers with an error.
/// </summary>
public sealed class JsonRpcException(int code, string message, JsonElement? data = null) : Exception(message)
{
    public int Code { get; } = code;
    public JsonElement? ErrorData { get; } = data;

    public ResponseError ToResponseError() => new(Code, Message, ErrorData);
}

/// <summary>Thrown by pending server-to-client requests when the connection ends before they are answered.</summary>
public sealed class ConnectionClosedException(string message) : Exception(message);
