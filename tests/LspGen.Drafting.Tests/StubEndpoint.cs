using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LspGen.Drafting.Tests;

/// <summary>One scripted reply of the stub: a chat answer, or a raw HTTP status/body/header, after an optional delay.</summary>
public sealed record StubReply(int Status, string Body, TimeSpan Delay = default, string? Location = null)
{
    public static StubReply Answer(string content) => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
    }));
}

/// <summary>A received request: path, Authorization header and parsed JSON body.</summary>
public sealed record StubRequest(string Path, string? Authorization, JsonElement Body)
{
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();
}

/// <summary>
/// An OpenAI-compatible endpoint on 127.0.0.1 that plays scripted replies in order (HttpListener), so
/// the drafter is tested over real HTTP without any model. A reply may use {AUTH} to echo the
/// Authorization header back, as a careless server would.
/// </summary>
public sealed class StubEndpoint : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Queue<StubReply> script;
    private readonly Task loop;
    public List<StubRequest> Requests { get; } = [];
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public StubEndpoint(params StubReply[] replies)
    {
        script = new Queue<StubReply>(replies);
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => ReplyAsync(context));
        }
    }

    private async Task ReplyAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            StubReply reply;
            lock (Requests)
            {
                Requests.Add(new StubRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                    JsonDocument.Parse(body).RootElement.Clone()));
                reply = script.Count > 0 ? script.Dequeue() : new StubReply(599, "stub: no reply scripted");
            }
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            context.Response.StatusCode = reply.Status;
            if (reply.Location is not null) context.Response.RedirectLocation = reply.Location;
            var bytes = Encoding.UTF8.GetBytes(reply.Body.Replace("{AUTH}", context.Request.Headers["Authorization"] ?? "", StringComparison.Ordinal));
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout test): nothing to answer.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
