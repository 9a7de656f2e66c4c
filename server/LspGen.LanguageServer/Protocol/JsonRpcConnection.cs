using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Protocol;

/// <summary>
/// A JSON-RPC 2.0 endpoint speaking the LSP base protocol over a pair of pipes: dispatches the client's
/// requests and notifications to registered handlers, enforces the initialize/shutdown/exit lifecycle,
/// and sends the server's own requests and notifications.
/// </summary>
/// <remarks>
/// Ordering: notifications (and initialize/shutdown) run one at a time on the read loop, in arrival
/// order, and a request starts only after every message before it has been handled; requests then run
/// concurrently on the thread pool. So a request always sees the effect of the didChange sent before
/// it, and a notification handler must be quick: start long work in the background and return.
/// </remarks>
public sealed class JsonRpcConnection
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    readonly MessageReader reader;
    readonly MessageWriter writer;
    readonly PipeReader input;
    readonly IServerLog log;
    readonly Dictionary<string, IRequestRegistration> requestHandlers = new(StringComparer.Ordinal);
    readonly Dictionary<string, INotificationRegistration> notificationHandlers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<JsonRpcId, CancellationTokenSource> requestsInFlight = new();
    readonly ConcurrentDictionary<JsonRpcId, TaskCompletionSource<JsonElement>> outgoingRequests = new();
    readonly ConcurrentDictionary<long, Task> runningHandlers = new();
    readonly CancellationTokenSource lifetime = new();
    long nextOutgoingId;
    long nextHandlerKey;
    int started;
    volatile Lifecycle state = Lifecycle.AwaitingInitialize;
    volatile bool closed;

    enum Lifecycle { AwaitingInitialize, Running, ShutDown }

    /// <param name="input">The client's messages (stdin in production).</param>
    /// <param name="output">Where framed messages go (stdout in production; nothing else may write there).</param>
    /// <param name="log">The server log; stderr when omitted.</param>
    /// <param name="additionalTypes">Contracts of handler parameter/result types not in <see cref="ProtocolJsonContext"/>.</param>
    public JsonRpcConnection(
        PipeReader input,
        PipeWriter output,
        IServerLog? log = null,
        IJsonTypeInfoResolver? additionalTypes = null,
        int maxMessageBytes = MessageReader.DefaultMaxMessageBytes)
    {
        this.input = input;
        reader = new MessageReader(input, maxMessageBytes);
        writer = new MessageWriter(output);
        this.log = log ?? new TextWriterLog();
        SerializerOptions = new JsonSerializerOptions(ProtocolJsonContext.Default.Options)
        {
            TypeInfoResolver = additionalTypes is null
                ? ProtocolJsonContext.Default
                : JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, additionalTypes),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        SerializerOptions.MakeReadOnly();
    }

    /// <summary>
    /// A connection over the process's stdin/stdout. Console.Out is redirected to stderr from then on,
    /// so that a stray Console.WriteLine anywhere in the server cannot corrupt the protocol stream.
    /// </summary>
    public static JsonRpcConnection CreateForStdio(IServerLog? log = null, IJsonTypeInfoResolver? additionalTypes = null)
    {
        var stdin = Console.OpenStandardInput();
        var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return new JsonRpcConnection(PipeReader.Create(stdin), PipeWriter.Create(stdout), log, additionalTypes);
    }

    /// <summary>The options every parameter and result is (de)serialised with.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>The client's capabilities from initialize; empty before.</summary>
    public ClientCapabilities ClientCapabilities { get; private set; } = new();

    /// <summary>True once initialize has been answered successfully.</summary>
    public bool IsInitialized => state != Lifecycle.AwaitingInitialize;

    /// <summary>True once shutdown has been received.</summary>
    public bool IsShutDown => state == Lifecycle.ShutDown;

    /// <summary>The exit code RunAsync returned: 0 after shutdown + exit, 1 otherwise; null while running.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The server log this connection writes to.</summary>
    public IServerLog Log => log;

    /// <summary>Handles a request. Throw <see cref="JsonRpcException"/> to answer with a specific error.</summary>
    public void OnRequest<TParams, TResult>(string method, Func<TParams, CancellationToken, Task<TResult>> handler) =>
        Register(method, new RequestRegistration<TParams, TResult>(TypeInfo<TParams>(), TypeInfo<TResult>(), handler));

    /// <summary>Handles a request synchronously (language features are plain functions).</summary>
    public void OnRequest<TParams, TResult>(string method, Func<TParams, CancellationToken, TResult> handler) =>
        OnRequest<TParams, TResult>(method, (p, ct) => Task.FromResult(handler(p, ct)));

    /// <summary>Handles a request that takes no params.</summary>
    public void OnRequest<TResult>(string method, Func<CancellationToken, Task<TResult>> handler) =>
        Register(method, new RequestRegistration<JsonElement, TResult>(null, TypeInfo<TResult>(), (_, ct) => handler(ct)));

    /// <summary>
    /// Handles a notification. It runs on the read loop, in order, so keep it quick, and never await a
    /// server-to-client request in it: the answer could not be read until the handler returns.
    /// </summary>
    public void OnNotification<TParams>(string method, Func<TParams, CancellationToken, Task> handler)
    {
        lock (notificationHandlers) notificationHandlers[method] = new NotificationRegistration<TParams>(TypeInfo<TParams>(), handler);
    }

    /// <summary>Handles a notification synchronously.</summary>
    public void OnNotification<TParams>(string method, Action<TParams> handler) =>
        OnNotification<TParams>(method, (p, _) => { handler(p); return Task.CompletedTask; });

    /// <summary>Handles a notification that takes no params.</summary>
    public void OnNotification(string method, Action handler)
    {
        lock (notificationHandlers)
            notificationHandlers[method] = new NotificationRegistration<JsonElement>(null, (_, _) => { handler(); return Task.CompletedTask; });
    }

    void Register(string method, IRequestRegistration registration)
    {
        lock (requestHandlers) requestHandlers[method] = registration;
    }

    JsonTypeInfo<T> TypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)SerializerOptions.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException)
        {
            throw new InvalidOperationException(
                $"{typeof(T).Name} has no JSON contract: add [JsonSerializable(typeof({typeof(T).Name}))] to " +
                "ProtocolJsonContext or pass a context with it as additionalTypes.");
        }
    }

    /// <summary>
    /// Reads and dispatches messages until exit, the end of the input or cancellation. Returns the exit
    /// code: 0 if exit followed shutdown, 1 otherwise (including an input that ended without exit).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) == 1) throw new InvalidOperationException("RunAsync may be called only once.");
        await using var stop = cancellationToken.Register(lifetime.Cancel);
        int exitCode = 1;
        try
        {
            while (true)
            {
                InboundFrame? frame;
                try
                {
                    frame = await reader.ReadAsync(lifetime.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    log.Write(LogLevel.Info, "Stopped reading: cancelled.");
                    break;
                }
                if (frame is not { } received)
                {
                    log.Write(LogLevel.Info, "The input ended without an exit notification.");
                    break;
                }
                if (!received.IsMessage)
                {
                    log.Write(LogLevel.Warning, $"Framing error: {received.FramingError}");
                    await SendErrorAsync(null, new ResponseError(ErrorCodes.ParseError, $"Invalid message framing: {received.FramingError}")).ConfigureAwait(false);
                    continue;
                }
                if (await HandleMessageAsync(received.Content!).ConfigureAwait(false) is int code)
                {
                    exitCode = code;
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Write(LogLevel.Error, $"The connection failed: {exception}");
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
        ExitCode = exitCode;
        return exitCode;
    }

    async Task CloseAsync()
    {
        closed = true;
        lifetime.Cancel();
        var handlers = Task.WhenAll(runningHandlers.Values);
        if (await Task.WhenAny(handlers, Task.Delay(ShutdownGrace)).ConfigureAwait(false) != handlers)
            log.Write(LogLevel.Warning, "Some request handlers ignored cancellation and were abandoned.");
        foreach (var (id, pending) in outgoingRequests)
        {
            if (outgoingRequests.TryRemove(id, out _))
                pending.TrySetException(new ConnectionClosedException("The connection ended before the client answered."));
        }
        await writer.CompleteAsync().ConfigureAwait(false);
        await input.CompleteAsync().ConfigureAwait(false);
    }

    // Returns an exit code when the message was exit, null otherwise.
    async Task<int?> HandleMessageAsync(byte[] content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException exception)
        {
            log.Write(LogLevel.Warning, $"A message is not valid JSON: {exception.Message}");
            await SendErrorAsync(null, new ResponseError(ErrorCodes.ParseError, $"The message is not valid JSON: {exception.Message}")).ConfigureAwait(false);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await SendErrorAsync(null, new ResponseError(ErrorCodes.InvalidRequest,
                    "A message must be a JSON object (batches are not part of LSP).")).ConfigureAwait(false);
                return null;
            }

            JsonRpcId? id = null;
            var hasId = root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null;
            if (hasId)
            {
                if (!JsonRpcId.TryRead(idElement, out var parsed))
                {
                    await SendErrorAsync(null, new ResponseError(ErrorCodes.InvalidRequest, "\"id\" must be an integer or a string.")).ConfigureAwait(false);
                    return null;
                }
                id = parsed;
            }

            if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            {
                await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest, "\"jsonrpc\" must be \"2.0\".")).ConfigureAwait(false);
                return null;
            }

            JsonElement? parameters = root.TryGetProperty("params", out var p) ? p : null;
            if (root.TryGetProperty("method", out var methodElement))
            {
                if (methodElement.ValueKind != JsonValueKind.String)
                {
                    await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest, "\"method\" must be a string.")).ConfigureAwait(false);
                    return null;
                }
                var method = methodElement.GetString()!;
                if (id is { } requestId)
                {
                    await HandleRequestAsync(requestId, method, parameters).ConfigureAwait(false);
                    return null;
                }
                if (root.TryGetProperty("id", out _))
                {
                    await SendErrorAsync(null, new ResponseError(ErrorCodes.InvalidRequest, "A request id must not be null.")).ConfigureAwait(false);
                    return null;
                }
                return await HandleNotificationAsync(method, parameters).ConfigureAwait(false);
            }

            if (root.TryGetProperty("result", out var result) || root.TryGetProperty("error", out _))
            {
                HandleResponse(id, result, root.TryGetProperty("error", out var error) ? error : null);
                return null;
            }

            await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest,
                "A message must have a \"method\" (request or notification) or a \"result\"/\"error\" (response).")).ConfigureAwait(false);
            return null;
        }
    }

    async Task HandleRequestAsync(JsonRpcId id, string method, JsonElement? parameters)
    {
        if (state == Lifecycle.AwaitingInitialize && method != "initialize")
        {
            await SendErrorAsync(id, new ResponseError(ErrorCodes.ServerNotInitialized,
                $"The server is not initialized: send \"initialize\" before \"{method}\".")).ConfigureAwait(false);
            return;
        }
        if (state == Lifecycle.ShutDown)
        {
            await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest,
                $"The server is shut down and accepts only the \"exit\" notification, not \"{method}\".")).ConfigureAwait(false);
            return;
        }
        if (method == "initialize" && state != Lifecycle.AwaitingInitialize)
        {
            await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest, "\"initialize\" may be sent only once.")).ConfigureAwait(false);
            return;
        }

        IRequestRegistration? registration;
        lock (requestHandlers) requestHandlers.TryGetValue(method, out registration);

        if (method == "initialize")
        {
            await InitializeAsync(id, parameters, registration).ConfigureAwait(false);
            return;
        }
        if (method == "shutdown")
        {
            // Lifecycle first: whatever the handler does, later requests must see the shut-down state.
            state = Lifecycle.ShutDown;
            if (registration is null) await SendResultAsync(id, "null"u8.ToArray()).ConfigureAwait(false);
            else await RunRequestAsync(id, method, parameters, registration, lifetime.Token).ConfigureAwait(false);
            return;
        }
        if (registration is null)
        {
            await SendErrorAsync(id, new ResponseError(ErrorCodes.MethodNotFound, $"The server does not handle \"{method}\".")).ConfigureAwait(false);
            return;
        }

        Func<CancellationToken, Task<byte[]>> run;
        try
        {
            run = registration.Bind(parameters);
        }
        catch (JsonException exception)
        {
            await SendErrorAsync(id, InvalidParams(method, exception)).ConfigureAwait(false);
            return;
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        if (!requestsInFlight.TryAdd(id, cancellation))
        {
            cancellation.Dispose();
            await SendErrorAsync(id, new ResponseError(ErrorCodes.InvalidRequest, $"A request with id {id} is already in progress.")).ConfigureAwait(false);
            return;
        }
        Track(Task.Run(async () =>
        {
            try
            {
                await CompleteRequestAsync(id, method, run, cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                requestsInFlight.TryRemove(id, out _);
                cancellation.Dispose();
            }
        }));
    }

    async Task InitializeAsync(JsonRpcId id, JsonElement? parameters, IRequestRegistration? registration)
    {
        InitializeParams? initializeParams;
        try
        {
            initializeParams = parameters?.Deserialize(ProtocolJsonContext.Default.InitializeParams);
        }
        catch (JsonException exception)
        {
            await SendErrorAsync(id, InvalidParams("initialize", exception)).ConfigureAwait(false);
            return;
        }
        ClientCapabilities = initializeParams?.Capabilities ?? new ClientCapabilities();

        bool succeeded;
        if (registration is null)
        {
            var empty = new InitializeResult(new ServerCapabilities());
            succeeded = await SendResultAsync(id, JsonSerializer.SerializeToUtf8Bytes(empty, ProtocolJsonContext.Default.InitializeResult)).ConfigureAwait(false);
        }
        else
        {
            succeeded = await RunRequestAsync(id, "initialize", parameters, registration, lifetime.Token).ConfigureAwait(false);
        }
        if (succeeded) state = Lifecycle.Running;
    }

    // Runs a request inline (initialize, shutdown); returns whether it succeeded.
    async Task<bool> RunRequestAsync(JsonRpcId id, string method, JsonElement? parameters, IRequestRegistration registration, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<byte[]>> run;
        try
        {
            run = registration.Bind(parameters);
        }
        catch (JsonException exception)
        {
            await SendErrorAsync(id, InvalidParams(method, exception)).ConfigureAwait(false);
            return false;
        }
        return await CompleteRequestAsync(id, method, run, cancellationToken).ConfigureAwait(false);
    }

    async Task<bool> CompleteRequestAsync(JsonRpcId id, string method, Func<CancellationToken, Task<byte[]>> run, CancellationToken cancellationToken)
    {
        ResponseError error;
        try
        {
            var result = await run(cancellationToken).ConfigureAwait(false);
            await SendResultAsync(id, result).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = new ResponseError(ErrorCodes.RequestCancelled, $"The request \"{method}\" was cancelled.");
        }
        catch (JsonRpcException exception)
        {
            error = exception.ToResponseError();
        }
        catch (Exception exception)
        {
            log.Write(LogLevel.Error, $"The handler of \"{method}\" (request {id}) failed: {exception}");
            error = new ResponseError(ErrorCodes.InternalError,
                $"The server failed while handling \"{method}\"; its log has the details.");
        }
        await SendErrorAsync(id, error).ConfigureAwait(false);
        return false;
    }

    async Task<int?> HandleNotificationAsync(string method, JsonElement? parameters)
    {
        if (method == "exit")
        {
            var code = state == Lifecycle.ShutDown ? 0 : 1;
            log.Write(code == 0 ? LogLevel.Info : LogLevel.Warning, code == 0 ? "Exit after shutdown." : "Exit without shutdown: exit code 1.");
            return code;
        }
        if (method == "$/cancelRequest")
        {
            CancelRequest(parameters);
            return null;
        }
        if (state != Lifecycle.Running)
        {
            log.Write(LogLevel.Debug, $"Dropped notification \"{method}\": the server is {(state == Lifecycle.ShutDown ? "shut down" : "not initialized")}.");
            return null;
        }

        INotificationRegistration? registration;
        lock (notificationHandlers) notificationHandlers.TryGetValue(method, out registration);
        if (registration is null)
        {
            // $/ notifications are optional by definition (LSP 3.17 "$ Notifications and Requests").
            if (!method.StartsWith("$/", StringComparison.Ordinal) && method != "initialized")
                log.Write(LogLevel.Info, $"Ignored notification \"{method}\": no handler.");
            return null;
        }
        try
        {
            await registration.Bind(parameters)(lifetime.Token).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            log.Write(LogLevel.Error, $"Ignored notification \"{method}\" with invalid params: {exception.Message}");
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            log.Write(LogLevel.Error, $"The handler of notification \"{method}\" failed: {exception}");
        }
        return null;
    }

    void CancelRequest(JsonElement? parameters)
    {
        CancelParams? cancel;
        try
        {
            cancel = parameters?.Deserialize(ProtocolJsonContext.Default.CancelParams);
        }
        catch (JsonException exception)
        {
            log.Write(LogLevel.Warning, $"Ignored $/cancelRequest with invalid params: {exception.Message}");
            return;
        }
        if (cancel is null || !requestsInFlight.TryGetValue(cancel.Id, out var cancellation)) return;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished between the lookup and the cancel: nothing left to cancel.
        }
    }

    void HandleResponse(JsonRpcId? id, JsonElement result, JsonElement? error)
    {
        if (id is not { } responseId || !outgoingRequests.TryRemove(responseId, out var pending))
        {
            var what = error is { } e ? $"an error response {e.GetRawText()}" : "a response";
            log.Write(LogLevel.Warning, $"The client sent {what} for unknown request id {id?.ToString() ?? "null"}.");
            return;
        }
        if (error is { } errorElement)
        {
            var code = errorElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : ErrorCodes.UnknownErrorCode;
            var message = errorElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
            JsonElement? data = errorElement.TryGetProperty("data", out var d) ? d.Clone() : null;
            pending.TrySetException(new JsonRpcException(code, message, data));
            return;
        }
        pending.TrySetResult(result.ValueKind == JsonValueKind.Undefined ? default : result.Clone());
    }

    /// <summary>Sends a request to the client and waits for its answer; cancelling sends $/cancelRequest.</summary>
    /// <exception cref="JsonRpcException">The client answered with an error.</exception>
    /// <exception cref="ConnectionClosedException">The connection ended first.</exception>
    public async Task<TResult?> SendRequestAsync<TParams, TResult>(string method, TParams parameters, CancellationToken cancellationToken = default)
    {
        var resultInfo = TypeInfo<TResult>();
        var element = await SendRequestCoreAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        return element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? default : element.Deserialize(resultInfo);
    }

    /// <summary>Sends a request to the client and waits for its answer, ignoring the result.</summary>
    public Task SendRequestAsync<TParams>(string method, TParams parameters, CancellationToken cancellationToken = default) =>
        SendRequestCoreAsync(method, parameters, cancellationToken);

    async Task<JsonElement> SendRequestCoreAsync<TParams>(string method, TParams parameters, CancellationToken cancellationToken)
    {
        var paramsInfo = TypeInfo<TParams>();
        // Our ids are strings with a prefix so that logs never confuse them with the client's ids.
        var id = new JsonRpcId("lspgen-" + Interlocked.Increment(ref nextOutgoingId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pending = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        outgoingRequests[id] = pending;
        if (closed && outgoingRequests.TryRemove(id, out _))
            throw new ConnectionClosedException($"Cannot send \"{method}\": the connection has ended.");

        await using var registration = cancellationToken.Register(() =>
        {
            if (!outgoingRequests.TryRemove(id, out _)) return;
            pending.TrySetCanceled(cancellationToken);
            _ = SendNotificationAsync("$/cancelRequest", new CancelParams(id));
        }).ConfigureAwait(false);

        await WriteAsync(w =>
        {
            w.WritePropertyName("id");
            id.WriteTo(w);
            w.WriteString("method", method);
            w.WritePropertyName("params");
            JsonSerializer.Serialize(w, parameters, paramsInfo);
        }).ConfigureAwait(false);
        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>Sends a notification to the client.</summary>
    public Task SendNotificationAsync<TParams>(string method, TParams parameters)
    {
        var paramsInfo = TypeInfo<TParams>();
        return WriteAsync(w =>
        {
            w.WriteString("method", method);
            w.WritePropertyName("params");
            JsonSerializer.Serialize(w, parameters, paramsInfo);
        });
    }

    /// <summary>Sends a notification without params to the client.</summary>
    public Task SendNotificationAsync(string method) => WriteAsync(w => w.WriteString("method", method));

    Task<bool> SendResultAsync(JsonRpcId id, byte[] result) => WriteAsync(w =>
    {
        w.WritePropertyName("id");
        id.WriteTo(w);
        w.WritePropertyName("result");
        w.WriteRawValue(result, skipInputValidation: true);
    });

    Task<bool> SendErrorAsync(JsonRpcId? id, ResponseError error) => WriteAsync(w =>
    {
        w.WritePropertyName("id");
        if (id is { } value) value.WriteTo(w);
        else w.WriteNullValue();
        w.WritePropertyName("error");
        JsonSerializer.Serialize(w, error, ProtocolJsonContext.Default.ResponseError);
    });

    // Write failures (the client went away) are logged, never thrown into handlers.
    async Task<bool> WriteAsync(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            writeMembers(json);
            json.WriteEndObject();
        }
        try
        {
            var written = await writer.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
            if (!written) log.Write(LogLevel.Debug, "Dropped an outgoing message: the connection has ended.");
            return written;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            log.Write(LogLevel.Error, $"Could not write to the client: {exception.Message}");
            return false;
        }
    }

    void Track(Task task)
    {
        var key = Interlocked.Increment(ref nextHandlerKey);
        runningHandlers[key] = task;
        task.ContinueWith(_ => runningHandlers.TryRemove(key, out Task? _), TaskScheduler.Default);
    }

    static ResponseError InvalidParams(string method, JsonException exception) =>
        new(ErrorCodes.InvalidParams, $"Invalid params for \"{method}\": {exception.Message}");

    interface IRequestRegistration
    {
        /// <summary>Deserialises the params (throws JsonException) and returns the call producing the serialised result.</summary>
        Func<CancellationToken, Task<byte[]>> Bind(JsonElement? parameters);
    }

    interface INotificationRegistration
    {
        Func<CancellationToken, Task> Bind(JsonElement? parameters);
    }

    // paramsInfo is null for handlers that take no params.
    sealed class RequestRegistration<TParams, TResult>(
        JsonTypeInfo<TParams>? paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        Func<TParams, CancellationToken, Task<TResult>> handler) : IRequestRegistration
    {
        public Func<CancellationToken, Task<byte[]>> Bind(JsonElement? parameters)
        {
            var value = ReadParams(parameters, paramsInfo);
            return async cancellationToken =>
            {
                var result = await handler(value, cancellationToken).ConfigureAwait(false);
                return JsonSerializer.SerializeToUtf8Bytes(result, resultInfo);
            };
        }
    }

    sealed class NotificationRegistration<TParams>(
        JsonTypeInfo<TParams>? paramsInfo,
        Func<TParams, CancellationToken, Task> handler) : INotificationRegistration
    {
        public Func<CancellationToken, Task> Bind(JsonElement? parameters)
        {
            var value = ReadParams(parameters, paramsInfo);
            return cancellationToken => handler(value, cancellationToken);
        }
    }

    static T ReadParams<T>(JsonElement? parameters, JsonTypeInfo<T>? info)
    {
        if (info is null) return default!;
        if (parameters is not { ValueKind: not JsonValueKind.Null } element)
            throw new JsonException("params are missing.");
        return element.Deserialize(info) ?? throw new JsonException("params are missing.");
    }
}
