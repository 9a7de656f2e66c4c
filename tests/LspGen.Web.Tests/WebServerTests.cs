using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LspGen.Compiler;
using LspGen.Drafting;
using LspGen.Drafting.Tests;

namespace LspGen.Web.Tests;

/// <summary>The web generator in process, on a free loopback port, over real HTTP.</summary>
public sealed class WebServerTests : IAsyncLifetime
{
    private const string ValidSpec = """
        spec_version: "1.0"
        project_name: shop
        entities:
          - name: Product
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: title
                type: string
        """;
    private static readonly string InvalidSpec = ValidSpec.Replace("type: string", "type: int", StringComparison.Ordinal);

    private WebServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync() => (server, http) = await Start(new WebOptions { Port = 0 });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    private static async Task<(WebServer, HttpClient)> Start(WebOptions options)
    {
        var started = await WebServer.StartAsync(options);
        return (started, new HttpClient { BaseAddress = new Uri(started.Addresses.Single()) });
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);   // never a stack trace
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void It_binds_to_loopback_by_default()
    {
        Assert.StartsWith("http://127.0.0.1:", server.Addresses.Single());
    }

    [Fact]
    public async Task The_page_has_the_example_and_a_csp_that_allows_exactly_its_inline_script_and_style()
    {
        var response = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("project_name: task_manager", html);
        Assert.Contains("spec_version: &quot;1.0&quot;", html);
        Assert.DoesNotContain("{{EXAMPLE}}", html);
        Assert.DoesNotContain("innerHTML", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; ", csp);
        Assert.Contains($"script-src 'sha256-{Hash(html, "<script>", "</script>")}'", csp);
        Assert.Contains($"style-src 'sha256-{Hash(html, "<style>", "</style>")}'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Validate_lists_diagnostics_with_1_based_lines()
    {
        var response = await http.PostAsync("/api/validate", Json(new { text = InvalidSpec }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal(1, body.GetProperty("errors").GetInt32());
        var diagnostic = body.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "LSG012");
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(10, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(15, diagnostic.GetProperty("column").GetInt32());
        Assert.Contains("integer", diagnostic.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_a_valid_spec_has_no_errors()
    {
        var body = await ReadJson(await http.PostAsync("/api/validate", Json(new { text = ValidSpec })));
        Assert.Equal(0, body.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Generate_answers_the_same_zip_bytes_as_the_pipeline_named_after_the_project()
    {
        var response = await http.PostAsync("/api/generate", Json(new { text = ValidSpec }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("shop.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var result = Pipeline.Compile(ValidSpec);
        using var expected = new MemoryStream();
        Pipeline.Zip(expected, "shop", result.Files!);
        Assert.Equal(expected.ToArray(), bytes);
        Assert.Equal(result.Files!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-LspGen-Files").Single());
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Contains(zip.Entries, e => e.FullName == "shop/app/main.py");
    }

    [Fact]
    public async Task A_prd_generates_the_same_zip_as_the_pipeline_given_a_markdown_file()
    {
        var prd = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "project_tracker.prd.md"));
        var validation = await ReadJson(await http.PostAsync("/api/validate", Json(new { text = prd, format = "prd" })));
        Assert.Equal(0, validation.GetProperty("errors").GetInt32());

        var response = await http.PostAsync("/api/generate", Json(new { text = prd, format = "prd" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Pipeline.Compile(prd, "project_tracker.prd.md");
        using var expected = new MemoryStream();
        Pipeline.Zip(expected, result.ProjectName!, result.Files!);
        Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"{result.ProjectName}.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task The_same_markdown_read_as_a_spec_is_a_yaml_error()
    {
        var prd = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "project_tracker.prd.md"));
        var body = await ReadJson(await http.PostAsync("/api/validate", Json(new { text = prd })));
        Assert.True(body.GetProperty("errors").GetInt32() > 0);
    }

    [Theory]
    [InlineData("{\"text\": \"x\", \"format\": \"markdown\"}")]
    [InlineData("{\"text\": \"x\", \"format\": 1}")]
    public async Task An_unknown_format_is_400(string body)
    {
        var response = await http.PostAsync("/api/validate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"format\" must be \"spec\" (YAML or JSON) or \"prd\" (Markdown)", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Generate_refuses_a_spec_with_errors_with_422_and_the_diagnostics()
    {
        var response = await http.PostAsync("/api/generate", Json(new { text = InvalidSpec }));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal("the spec has 1 error; fix it to generate", body.GetProperty("error").GetString());
        Assert.Contains(body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "LSG012");
    }

    [Theory]
    [InlineData("{\"text\": ")]
    [InlineData("[\"text\"]")]
    [InlineData("{\"text\": 42}")]
    [InlineData("{\"spec\": \"x\"}")]
    [InlineData("")]
    public async Task Malformed_json_bodies_are_400_with_an_example(string body)
    {
        var response = await http.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{\"text\": \"<the spec>\"}", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Binary_garbage_is_400()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0xFF;
        var content = new ByteArrayContent(garbage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await http.PostAsync("/api/validate", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("the request body is not valid UTF-8 JSON", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_1_MB_is_413_with_a_json_error()
    {
        var huge = new string('a', 2 * 1024 * 1024);
        var response = await http.PostAsync("/api/validate", Json(new { text = huge }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("the request is larger than 1024 KB", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_chunked_body_over_1_MB_is_413_too()
    {
        var content = new StreamContent(new UnknownLengthStream(new byte[2 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await http.PostAsync("/api/validate", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ReadJson(response);
    }

    [Fact]
    public async Task Broken_chunked_framing_is_a_400_json_error_not_a_500()
    {
        var address = new Uri(server.Addresses.Single());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[8192];
        var read = 0;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (n == 0) break;
            read += n;
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && text.EndsWith('}')) break;
        }
        var response = Encoding.UTF8.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 400 ", response);
        Assert.Contains("{\"error\":\"the request body could not be read", response);
        Assert.DoesNotContain("   at ", response);
    }

    [Fact]
    public async Task Other_content_types_are_415_so_other_sites_cannot_post_forms()
    {
        var response = await http.PostAsync("/api/generate", new StringContent("text=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ReadJson(response);
    }

    [Fact]
    public async Task A_foreign_host_name_is_refused_on_loopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/validate") { Content = Json(new { text = ValidSpec }) };
        request.Headers.Host = "rebound.example.com";
        var response = await http.SendAsync(request);
        Assert.Equal((HttpStatusCode)421, response.StatusCode);
        await ReadJson(response);
    }

    [Fact]
    public async Task Drafting_is_off_without_an_endpoint()
    {
        Assert.False((await ReadJson(await http.GetAsync("/api/config"))).GetProperty("draft").GetBoolean());
        var response = await http.PostAsync("/api/draft", Json(new { description = "a shop" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("drafting is off", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Drafting_with_an_endpoint_returns_the_reviewed_yaml()
    {
        const string answer = """{"spec_version":"1.0","project_name":"shop","entities":[{"name":"Product","fields":[{"name":"id","type":"uuid","primary_key":true}]}]}""";
        using var stub = new StubEndpoint(StubReply.Answer(answer));
        var (drafting, client) = await Start(new WebOptions { Port = 0, Draft = new DraftOptions { BaseUrl = stub.BaseUrl, Model = "m" } });
        await using (drafting)
        using (client)
        {
            Assert.True((await ReadJson(await client.GetAsync("/api/config"))).GetProperty("draft").GetBoolean());
            var response = await client.PostAsync("/api/draft", Json(new { description = "a shop" }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadJson(response);
            Assert.StartsWith(DraftedSpec.ReviewHeader, body.GetProperty("spec").GetString());
            Assert.Equal(1, body.GetProperty("attempts").GetInt32());
        }
    }

    [Fact]
    public async Task A_draft_that_stays_invalid_is_422_with_the_diagnostics_and_the_schema_errors()
    {
        const string bad = """{"spec_version":"1.0","project_name":"shop","entities":[{"name":"Product","fields":[{"name":"id","type":"guid","primary_key":true}]}]}""";
        using var stub = new StubEndpoint(StubReply.Answer(bad), StubReply.Answer(bad), StubReply.Answer(bad));
        var (drafting, client) = await Start(new WebOptions { Port = 0, Draft = new DraftOptions { BaseUrl = stub.BaseUrl, Model = "m" } });
        await using (drafting)
        using (client)
        {
            var response = await client.PostAsync("/api/draft", Json(new { description = "a shop" }));
            Assert.Equal((HttpStatusCode)422, response.StatusCode);
            var body = await ReadJson(response);
            Assert.Equal("InvalidSpec", body.GetProperty("kind").GetString());
            Assert.Contains(body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "LSG012");
            Assert.Contains(body.GetProperty("schemaErrors").EnumerateArray(), e => e.GetProperty("instanceLocation").GetString() == "/entities/0/fields/0/type"
                && e.GetProperty("keyword").GetString() == "enum");
        }
    }

    [Fact]
    public async Task A_host_that_is_not_an_ip_address_is_refused()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => WebServer.StartAsync(new WebOptions { Host = "example.com", Port = 0 }));
        Assert.Equal("--host must be an IP address (e.g. 127.0.0.1, ::1 or 0.0.0.0), not 'example.com'", e.Message);
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "LspGen.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("LspGen.sln not found");
        return dir;
    }

    private static string Hash(string html, string open, string close)
    {
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf(close, start, StringComparison.Ordinal);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end])));
    }

    /// <summary>A stream whose length is unknown, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
