using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Server;

namespace LspGen.LanguageServer.Tests.Server;

/// <summary>
/// A client of the whole language server (LanguageServerHost) over in-memory pipes: sends requests and
/// notifications as JSON, answers the server's own requests (configuration, progress tokens, applyEdit)
/// and records every notification, so tests read like an editor session.
/// </summary>
sealed class LspSession : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    readonly Pipe toServer = new();
    readonly Pipe toClient = new();
    readonly MessageWriter writer;
    readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> pending = new();
    readonly List<JsonElement> notifications = [];
    readonly SemaphoreSlim notified = new(0);
    readonly Task<int> server;
    readonly Task readLoop;
    long nextId;

    public LspSession(TimeSpan? debounce = null)
    {
        writer = new MessageWriter(toServer.Writer);
        server = Task.Run(() => LanguageServerHost.RunAsync(toServer.Reader, toClient.Writer,
            new LanguageServerOptions(debounce ?? TimeSpan.Zero, Log)));
        readLoop = Task.Run(ReadLoopAsync);
    }

    public ListLog Log { get; } = new();

    /// <summary>What the client answers to workspace/configuration for section "lspgen".</summary>
    public JsonNode? Settings { get; set; }

    /// <summary>
    /// When set, the n-th workspace/configuration request (counted from 0) is answered with what this
    /// returns, whenever it returns, without holding up the other messages; then
    /// <see cref="ConfigurationAnswered"/> is called with n. Lets a test reorder the answers.
    /// </summary>
    public Func<int, Task<JsonNode?>>? ConfigurationAnswer { get; set; }

    public Action<int>? ConfigurationAnswered { get; set; }

    int configurationRequests;

    /// <summary>The server's requests, in arrival order (method and params).</summary>
    public ConcurrentQueue<(string Method, JsonElement Params)> ServerRequests { get; } = new();

    public static string Uri(string name) => "file:///work/specs/" + name;

    async Task ReadLoopAsync()
    {
        var reader = new MessageReader(toClient.Reader);
        while (await reader.ReadAsync() is { } frame)
        {
            using var document = JsonDocument.Parse(frame.Content!);
            var message = document.RootElement.Clone();
            var hasMethod = message.TryGetProperty("method", out var method);
            var hasId = message.TryGetProperty("id", out var id);
            if (hasMethod && hasId)
            {
                var parameters = message.TryGetProperty("params", out var p) ? p : default;
                ServerRequests.Enqueue((method.GetString()!, parameters));
                if (method.GetString() == "workspace/configuration" && ConfigurationAnswer is { } answer)
                    _ = AnswerConfigurationLaterAsync(id, configurationRequests++, answer);
                else
                    await AnswerServerRequestAsync(id, method.GetString()!);
            }
            else if (hasMethod)
            {
                lock (notifications) notifications.Add(message);
                notified.Release();
            }
            else if (hasId && id.ValueKind == JsonValueKind.Number && pending.TryRemove(id.GetInt64(), out var waiter))
            {
                waiter.TrySetResult(message);
            }
        }
    }

    Task AnswerServerRequestAsync(JsonElement id, string method)
    {
        var result = method switch
        {
            "workspace/configuration" => new JsonArray(Settings?.DeepClone()).ToJsonString(),
            "workspace/applyEdit" => """{"applied":true}""",
            _ => "null",
        };
        return SendAsync($$"""{"jsonrpc":"2.0","id":{{id.GetRawText()}},"result":{{result}}}""");
    }

    async Task AnswerConfigurationLaterAsync(JsonElement id, int n, Func<int, Task<JsonNode?>> answer)
    {
        var settings = await answer(n);
        await SendAsync($$"""{"jsonrpc":"2.0","id":{{id.GetRawText()}},"result":{{new JsonArray(settings).ToJsonString()}}}""");
        ConfigurationAnswered?.Invoke(n);
    }

    public Task SendAsync(string json) => writer.WriteAsync(Encoding.UTF8.GetBytes(json));

    /// <summary>Sends a request and returns the whole response (result or error).</summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref nextId);
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = waiter;
        await SendAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{Json(parameters)}}}""");
        return await waiter.Task.WaitAsync(Timeout);
    }

    /// <summary>Sends a request and returns its result, failing the test on an error response.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters)
    {
        var response = await RequestAsync(method, parameters);
        Assert.False(response.TryGetProperty("error", out var error), $"{method} failed: {error}");
        return response.GetProperty("result");
    }

    public Task NotifyAsync(string method, object? parameters) =>
        SendAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{Json(parameters)}}}""");

    static string Json(object? value) => value switch
    {
        null => "null",
        string raw => raw,
        JsonNode node => node.ToJsonString(),
        _ => JsonSerializer.Serialize(value, value.GetType(), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
    };

    public async Task<JsonElement> InitializeAsync(string capabilities = "{}", string? initializationOptions = null)
    {
        var result = await ResultAsync("initialize",
            $$"""{"processId":null,"rootUri":null,"capabilities":{{capabilities}}{{(initializationOptions is null ? "" : ",\"initializationOptions\":" + initializationOptions)}}}""");
        await NotifyAsync("initialized", "{}");
        return result;
    }

    public Task OpenAsync(string uri, string text, int version = 1, string languageId = "yaml") =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId, version, text } });

    public Task ChangeAsync(string uri, int version, params object[] changes) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = changes });

    public static object Replace(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new { range = new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } }, text };

    public static object Whole(string text) => new { text };

    public static object At(string uri, int line, int character) =>
        new { textDocument = new { uri }, position = new { line, character } };

    /// <summary>Notifications received so far with this method.</summary>
    public IReadOnlyList<JsonElement> Notifications(string method)
    {
        lock (notifications) return [.. notifications.Where(n => n.GetProperty("method").GetString() == method)];
    }

    /// <summary>Waits for a notification matching the predicate (including ones already received).</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var match = Notifications(method).Select(n => n.GetProperty("params")).FirstOrDefault(predicate);
            if (match.ValueKind != JsonValueKind.Undefined) return match;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No {method} matching the condition; received: {string.Join("\n", Notifications(method))}");
            await notified.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The diagnostics published for this version of the document.</summary>
    public Task<JsonElement> DiagnosticsAsync(string uri, int version) =>
        WaitForAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("uri").GetString() == uri && p.TryGetProperty("version", out var v) && v.GetInt32() == version);

    public static IReadOnlyList<string> Codes(JsonElement published) =>
        [.. published.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];

    public async Task<int> ShutdownAsync()
    {
        await ResultAsync("shutdown", null);
        await NotifyAsync("exit", null);
        return await server.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await toServer.Writer.CompleteAsync();
        await server.WaitAsync(Timeout);
        await readLoop.WaitAsync(Timeout);
    }
}

/// <summary>An <see cref="IServerLog"/> that keeps every line for assertions.</summary>
sealed class ListLog : IServerLog
{
    readonly List<string> lines = [];

    public void Write(LogLevel level, string message)
    {
        lock (lines) lines.Add($"{level}: {message}");
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return [.. lines]; }
    }
}
