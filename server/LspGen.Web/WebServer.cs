using System.Net;
using System.Text.Json;
using LspGen.Compiler;
using LspGen.Drafting;
using LspGen.Spec.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LspGen.Web;

/// <summary>
/// <c>lspgen serve</c>: one page and four JSON endpoints over the same pipeline as the CLI.
/// <code>
///   GET  /               the page (CSP: only its own inline script and style)
///   GET  /api/config     {"draft": bool}
///   POST /api/validate   {"text", "format"?: "spec"|"prd"} → 200 {"diagnostics": [...]}
///   POST /api/generate   {"text", "format"?}               → 200 application/zip (the bytes of `lspgen generate --zip -`) | 422 diagnostics
///   POST /api/draft      {"description"} → 200 {"spec", "attempts"} | 4xx/5xx {"error", "kind", "diagnostics"}
/// </code>
/// Nothing is written to disk; bodies are limited to <see cref="WebOptions.MaxRequestBytes"/>; every
/// failure is a JSON {"error"} without a stack trace.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly WebOptions options;
    private readonly WebPage page = new();
    // Drafts cost model time (and maybe money): one at a time.
    private readonly SemaphoreSlim drafting = new(1, 1);

    private WebServer(WebApplication app, WebOptions options)
    {
        this.app = app;
        this.options = options;
    }

    /// <summary>The bound addresses, e.g. "http://127.0.0.1:8080".</summary>
    public IReadOnlyList<string> Addresses =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>Binds and starts serving; throws <see cref="IOException"/> when the address is taken.</summary>
    public static async Task<WebServer> StartAsync(WebOptions options, CancellationToken cancellationToken = default)
    {
        var address = ParseHost(options.Host);
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: the command line decides.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "lspgen" });
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = WebOptions.MaxRequestBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Listen(address, options.Port);
        });
        var server = new WebServer(builder.Build(), options);
        server.Map();
        try
        {
            await server.app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await server.app.DisposeAsync();
            throw new IOException($"cannot listen on {options.Host}:{options.Port}: {e.Message}", e);
        }
        return server;
    }

    public static bool IsLoopback(string host) => HostPolicy.IsLoopback(host);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        drafting.Dispose();
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address)) return address;
        throw new ArgumentException($"--host must be an IP address (e.g. 127.0.0.1, ::1 or 0.0.0.0), not '{host}'");
    }

    private void Map()
    {
        app.Use(Guard);
        app.MapGet("/", ServePage);
        app.MapGet("/api/config", context => WriteJson(context, 200, json => json.WriteBoolean("draft", options.Draft is not null)));
        app.MapPost("/api/validate", Validate);
        app.MapPost("/api/generate", Generate);
        app.MapPost("/api/draft", Draft);
    }

    // Every request: refuse other Host names while bound to loopback (a DNS-rebinding page cannot use
    // the API), and turn any unexpected exception into a JSON 500 without its stack trace.
    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        if (IsLoopback(options.Host) && !IsLoopback(context.Request.Host.Host))
        {
            await WriteError(context, 421, $"this server answers only requests for a loopback host, not '{context.Request.Host.Host}'");
            return;
        }
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["Cache-Control"] = "no-store";
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            options.Log.WriteLine($"lspgen serve: internal error on {context.Request.Path}: {e}");
            if (!context.Response.HasStarted)
                await WriteError(context, 500, "internal error in lspgen (a bug; the server log has the details)");
        }
    }

    private Task ServePage(HttpContext context)
    {
        context.Response.Headers["Content-Security-Policy"] = page.ContentSecurityPolicy;
        context.Response.Headers["X-Frame-Options"] = "DENY";
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(page.Html, context.RequestAborted);
    }

    private async Task Validate(HttpContext context)
    {
        if (await ReadRequest(context, "text", "the spec") is not { } request) return;
        var analysis = WebInput.Analyze(request.Text, request.Format);
        await WriteJson(context, 200, json => WriteDiagnostics(json, analysis.Diagnostics));
    }

    private async Task Generate(HttpContext context)
    {
        if (await ReadRequest(context, "text", "the spec") is not { } request) return;
        var result = WebInput.Compile(request.Text, request.Format);
        if (result.Files is not { } files)
        {
            var errors = result.Analysis.Diagnostics.Count(d => d.Severity == Severity.Error);
            await WriteJson(context, 422, json =>
            {
                json.WriteString("error", $"the spec has {errors} error{(errors == 1 ? "" : "s")}; fix {(errors == 1 ? "it" : "them")} to generate");
                WriteDiagnostics(json, result.Analysis.Diagnostics);
            });
            return;
        }
        using var zip = new MemoryStream();
        Pipeline.Zip(zip, result.ProjectName!, files);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/zip";
        // project_name is a validated snake_case identifier: safe in the header as is.
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{result.ProjectName}.zip\"";
        context.Response.Headers["X-LspGen-Files"] = files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentLength = zip.Length;
        await context.Response.Body.WriteAsync(zip.GetBuffer().AsMemory(0, (int)zip.Length), context.RequestAborted);
    }

    private async Task Draft(HttpContext context)
    {
        if (options.Draft is not { } draftOptions)
        {
            await WriteError(context, 404, $"drafting is off: start lspgen serve with an LLM endpoint (--base-url, --model). {DraftOptions.HowToConfigure}");
            return;
        }
        if (await ReadRequest(context, "description", "the description") is not { } request) return;
        var description = request.Text;
        if (!await drafting.WaitAsync(0, context.RequestAborted))
        {
            await WriteError(context, 429, "a draft is already running; wait for it to finish");
            return;
        }
        try
        {
            var result = await SpecDrafter.DraftAsync(description, draftOptions, options.ReadEnvironment, context.RequestAborted);
            if (result.SpecYaml is { } yaml)
            {
                await WriteJson(context, 200, json =>
                {
                    json.WriteString("spec", yaml);
                    json.WriteNumber("attempts", result.Attempts);
                });
                return;
            }
            var failure = result.Failure!;
            var status = failure.Kind switch
            {
                DraftFailureKind.NotConfigured => 400,
                DraftFailureKind.InvalidSpec or DraftFailureKind.InvalidAnswer => 422,
                DraftFailureKind.Timeout => 504,
                DraftFailureKind.Unreachable => 503,
                _ => 502,
            };
            await WriteJson(context, status, json =>
            {
                json.WriteString("error", failure.Message);
                json.WriteString("kind", failure.Kind.ToString());
                WriteDiagnostics(json, failure.Diagnostics);
                json.WriteStartArray("schemaErrors");
                foreach (var e in failure.SchemaErrors)
                {
                    json.WriteStartObject();
                    json.WriteString("instanceLocation", e.InstanceLocation);
                    json.WriteString("keyword", e.Keyword);
                    json.WriteString("message", e.Message);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            });
        }
        finally
        {
            drafting.Release();
        }
    }

    private sealed record WebRequest(string Text, InputFormat Format);

    /// <summary>
    /// The string field (and the optional "format") of a JSON object body, or null after answering
    /// 413/415/400 with a JSON error. The body is read into memory only up to the limit.
    /// </summary>
    private static async Task<WebRequest?> ReadRequest(HttpContext context, string field, string what)
    {
        var request = context.Request;
        var example = $"{{\"{field}\": \"<{what}>\"}}";
        if (request.ContentLength > WebOptions.MaxRequestBytes)
        {
            await WriteTooLarge(context);
            return null;
        }
        // Requiring JSON keeps other web sites out: a cross-site form cannot send it without CORS, which is never granted.
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteError(context, 415, $"send the request as Content-Type: application/json, with a body like {example}");
            return null;
        }
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // Kestrel's verdict on the body itself: over the limit, or broken framing (e.g. chunked encoding).
            if (e.StatusCode == 413) await WriteTooLarge(context);
            else await WriteError(context, e.StatusCode, $"the request body could not be read ({e.Message})");
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
            {
                string? formatName = null;
                if (root.TryGetProperty("format", out var format))
                    formatName = format.ValueKind == JsonValueKind.String ? format.GetString() : "";
                if (WebInput.TryParseFormat(formatName, out var inputFormat)) return new WebRequest(value.GetString()!, inputFormat);
                await WriteError(context, 400, "\"format\" must be \"spec\" (YAML or JSON) or \"prd\" (Markdown)");
                return null;
            }
            await WriteError(context, 400, $"the request body must be a JSON object like {example}");
        }
        catch (JsonException e)
        {
            await WriteError(context, 400, $"the request body is not valid UTF-8 JSON ({e.Message}); send a JSON object like {example}");
        }
        return null;
    }

    private static Task WriteTooLarge(HttpContext context) =>
        WriteError(context, 413, $"the request is larger than {WebOptions.MaxRequestBytes / 1024} KB; a spec that large is not supported here (use the lspgen CLI)");

    private static Task WriteError(HttpContext context, int status, string message) =>
        WriteJson(context, status, json => json.WriteString("error", message));

    private static void WriteDiagnostics(Utf8JsonWriter json, IReadOnlyList<Diagnostic> diagnostics)
    {
        json.WriteNumber("errors", diagnostics.Count(d => d.Severity == Severity.Error));
        json.WriteNumber("warnings", diagnostics.Count(d => d.Severity == Severity.Warning));
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("severity", d.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                Severity.Information => "information",
                _ => "hint",
            });
            json.WriteString("message", d.Message);
            // 1-based, as people count lines; UTF-16 columns like the editor.
            json.WriteNumber("line", d.Range.Start.Line + 1);
            json.WriteNumber("column", d.Range.Start.Character + 1);
            json.WriteNumber("endLine", d.Range.End.Line + 1);
            json.WriteNumber("endColumn", d.Range.End.Character + 1);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static async Task WriteJson(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps messages readable ('x' rather than \u0027x\u0027); the page inserts them as text, never HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
