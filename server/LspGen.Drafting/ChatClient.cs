using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LspGen.Drafting;

/// <summary>One message of a chat-completions conversation.</summary>
public sealed record ChatMessage(string Role, string Content);

/// <summary>Why a request to the endpoint failed; the message is safe to show (it never holds the key).</summary>
internal sealed class ChatException(DraftFailureKind kind, string message) : Exception(message)
{
    public DraftFailureKind Kind { get; } = kind;
}

/// <summary>
/// A minimal OpenAI-compatible chat-completions client. Redirects are followed by hand so every hop
/// is checked against the <see cref="HostPolicy"/>; the key is redacted from every text it reports.
/// </summary>
internal sealed class ChatClient : IDisposable
{
    private const int MaxRedirects = 3;
    private const int MaxAnswerBytes = 4 * 1024 * 1024;

    private readonly HttpClient http;
    private readonly DraftOptions options;
    private readonly HostPolicy policy;
    private readonly string? apiKey;
    private readonly Uri endpoint;
    // Not every OpenAI-compatible server knows response_format; once one rejects it, ask without it.
    private bool sendJsonFormat = true;

    public ChatClient(DraftOptions options, string? apiKey)
    {
        this.options = options;
        this.apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        policy = new HostPolicy(options.AllowedHosts);
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUri) ||
            (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            throw new ChatException(DraftFailureKind.NotConfigured,
                $"the LLM base URL '{options.BaseUrl}' is not an http(s) URL (e.g. {DraftOptions.DefaultBaseUrl})");
        if (!policy.IsAllowed(baseUri))
            throw new ChatException(DraftFailureKind.HostNotAllowed,
                $"the LLM host '{baseUri.Host}' is not allowed: only loopback hosts are contacted unless you allow one explicitly (--allow-host {baseUri.Host})");
        endpoint = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/chat/completions");
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,   // bounded per request below, so a timeout is told apart from cancellation
        };
    }

    public void Dispose() => http.Dispose();

    /// <summary>The assistant's answer text. Throws <see cref="ChatException"/> with a user-facing message.</summary>
    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var (status, body) = await PostAsync(messages, timeout.Token);
            if (status == HttpStatusCode.BadRequest && sendJsonFormat && MentionsResponseFormat(body))
            {
                sendJsonFormat = false;
                (status, body) = await PostAsync(messages, timeout.Token);
            }
            if ((int)status is < 200 or > 299) throw new ChatException(DraftFailureKind.HttpError, DescribeHttpError(status, body));
            return ReadContent(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatException(DraftFailureKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"the LLM endpoint {options.BaseUrl} did not answer within {options.RequestTimeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            throw new ChatException(DraftFailureKind.Unreachable,
                $"cannot reach the LLM endpoint {options.BaseUrl} ({Redact(Reason(e))}). {DraftOptions.HowToConfigure}");
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var payload = RequestBody(messages);
        var target = endpoint;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // The key only goes to the host the user configured, never to one a redirect names.
            if (apiKey is not null && string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location;
                if (location is null)
                    throw new ChatException(DraftFailureKind.HttpError, $"the LLM endpoint answered HTTP {(int)response.StatusCode} without a Location");
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (!policy.IsAllowed(next))
                    throw new ChatException(DraftFailureKind.HostNotAllowed,
                        $"the LLM endpoint redirected to host '{next.Host}', which is neither loopback nor allowed (--allow-host); the redirect was refused");
                if (hop >= MaxRedirects)
                    throw new ChatException(DraftFailureKind.HttpError, $"the LLM endpoint redirected more than {MaxRedirects} times; set --base-url to the final address");
                target = next;
                continue;
            }
            return (response.StatusCode, await ReadBodyAsync(response, cancellationToken));
        }
    }

    private byte[] RequestBody(IReadOnlyList<ChatMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model);
            json.WriteNumber("temperature", Math.Clamp(options.Temperature, 0, 0.2));
            json.WriteBoolean("stream", false);
            if (sendJsonFormat)
            {
                json.WriteStartObject("response_format");
                json.WriteString("type", "json_object");
                json.WriteEndObject();
            }
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role);
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var limited = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (limited.Length + read > MaxAnswerBytes)
                throw new ChatException(DraftFailureKind.HttpError, $"the LLM endpoint's answer is larger than {MaxAnswerBytes / (1024 * 1024)} MB");
            limited.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(limited.GetBuffer(), 0, (int)limited.Length);
    }

    private string ReadContent(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array &&
                choices.GetArrayLength() > 0 &&
                choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object &&
                message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                return content.GetString()!;
        }
        catch (JsonException)
        {
        }
        throw new ChatException(DraftFailureKind.HttpError,
            $"the LLM endpoint's answer is not an OpenAI chat completion (no choices[0].message.content): {Excerpt(body)}");
    }

    private string DescribeHttpError(HttpStatusCode status, string body)
    {
        var hint = (int)status switch
        {
            401 or 403 => options.ApiKeyEnvironmentVariable is { } variable
                ? $" Check the API key in the environment variable {variable}."
                : " The endpoint wants an API key: name the environment variable that holds it with --api-key-env.",
            404 => $" Check --base-url (it usually ends in /v1) and that the model '{options.Model}' exists there (Ollama: `ollama pull {options.Model}`).",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"the LLM endpoint answered HTTP {(int)status} {status}: {Excerpt(body)}.{hint}");
    }

    private string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (flat.Length > 300) flat = flat[..300] + "…";
        return Redact(flat.Length == 0 ? "(empty body)" : flat);
    }

    /// <summary>Removes the key from any text that may reach a message (an endpoint may echo the request).</summary>
    public string Redact(string text) => apiKey is null ? text : text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);

    private static bool MentionsResponseFormat(string body) =>
        body.Contains("response_format", StringComparison.OrdinalIgnoreCase) || body.Contains("json_object", StringComparison.OrdinalIgnoreCase);

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            SocketError.TimedOut => "connection timed out",
            _ => socket.Message,
        },
        { } inner => inner.Message,
        null => e.Message,
    };
}
