using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LspGen.LanguageServer.Protocol;

namespace LspGen.LanguageServer.Tests.Protocol;

/// <summary>Plays the client of a <see cref="JsonRpcConnection"/> over in-memory pipes, with raw JSON.</summary>
sealed class LspTestClient : IAsyncDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    readonly Pipe toServer = new();
    readonly Pipe toClient = new();
    readonly MessageReader reader;
    readonly MessageWriter writer;
    Task<int>? run;

    public LspTestClient(IJsonTypeInfoResolver? additionalTypes = null)
    {
        Server = new JsonRpcConnection(toServer.Reader, toClient.Writer, Log, additionalTypes);
        reader = new MessageReader(toClient.Reader);
        writer = new MessageWriter(toServer.Writer);
    }

    public JsonRpcConnection Server { get; }
    public ListLog Log { get; } = new();

    public void Start() => run = Server.RunAsync();

    /// <summary>The exit code RunAsync returns.</summary>
    public Task<int> Finished => run!.WaitAsync(Timeout);

    public Task SendAsync(string json) => writer.WriteAsync(Encoding.UTF8.GetBytes(json));

    public async Task SendRawAsync(string bytes)
    {
        await toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(bytes));
    }

    public async Task EndInputAsync() => await toServer.Writer.CompleteAsync();

    /// <summary>The next message the server sends.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var frame = await reader.ReadAsync().AsTask().WaitAsync(Timeout)
            ?? throw new InvalidOperationException("The server closed its output.");
        Assert.True(frame.IsMessage, frame.FramingError);
        using var document = JsonDocument.Parse(frame.Content);
        return document.RootElement.Clone();
    }

    /// <summary>True when the server's output ends without further messages.</summary>
    public async Task<bool> OutputEndedAsync() => await reader.ReadAsync().AsTask().WaitAsync(Timeout) is null;

    public async Task<JsonElement> RequestAsync(int id, string method, string paramsJson = "null")
    {
        await SendAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        return await ReceiveAsync();
    }

    public Task NotifyAsync(string method, string paramsJson = "null") =>
        SendAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{paramsJson}}}""");

    public async Task InitializeAsync(string capabilitiesJson = "{}")
    {
        var response = await RequestAsync(0, "initialize", $$"""{"processId":null,"rootUri":null,"capabilities":{{capabilitiesJson}}}""");
        Assert.True(response.TryGetProperty("result", out _), response.ToString());
        await NotifyAsync("initialized", "{}");
    }

    public async ValueTask DisposeAsync()
    {
        await toServer.Writer.CompleteAsync();
        if (run is not null) await run.WaitAsync(Timeout);
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

static class JsonAssert
{
    public static void IsError(JsonElement response, int code, JsonElement? id = null)
    {
        Assert.True(response.TryGetProperty("error", out var error), $"expected an error response, got {response}");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        if (id is { } expected) Assert.Equal(expected.GetRawText(), response.GetProperty("id").GetRawText());
    }

    public static void HasNullId(JsonElement response) =>
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
}
