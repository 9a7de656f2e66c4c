using LspGen.Spec;

namespace LspGen.Drafting.Tests;

/// <summary>The drafter against a scripted endpoint on 127.0.0.1: one exact outcome per scripted conversation.</summary>
public class SpecDrafterTests
{
    private const string ValidSpec =
        """{"spec_version":"1.0","project_name":"library","description":"Books: and loans #1","entities":[{"name":"Book","fields":[{"name":"id","type":"uuid","primary_key":true},{"name":"title","type":"string","max_length":200,"nullable":false}]}]}""";
    // Schema-invalid (no field type "int") and invalid for our validator (LSG012).
    private const string InvalidSpec =
        """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"uuid","primary_key":true},{"name":"pages","type":"int"}]}]}""";
    // Schema-valid; only our validator sees the reference to an entity that is not declared (LSG018).
    private const string SemanticallyInvalidSpec =
        """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"uuid","primary_key":true},{"name":"shelf_id","type":"uuid","references":"Shelf"}]}]}""";
    // Schema-invalid in two places our validator reads leniently or not at all: a boolean name, an unknown key.
    private const string SchemaOnlyInvalidSpec =
        """{"spec_version":"1.0","project_name":true,"entities":[{"name":"Book","colour":"red","fields":[{"name":"id","type":"uuid","primary_key":true}]}]}""";
    private const string Key = "sk-test-SECRET-4f1c9b";
    private const string KeyVariable = "LSPGEN_TEST_DRAFT_KEY";

    private static DraftOptions Options(StubEndpoint stub, TimeSpan? timeout = null) => new()
    {
        BaseUrl = stub.BaseUrl,
        Model = "stub-model",
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    private static Task<DraftResult> Draft(DraftOptions options, string description = "A library that lends books") =>
        SpecDrafter.DraftAsync(description, options, name => name == KeyVariable ? Key : null);

    [Fact]
    public async Task Valid_json_is_one_attempt_and_readable_yaml_with_the_review_header()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith(DraftedSpec.ReviewHeader, result.SpecYaml);
        Assert.Contains("\nproject_name: library\n", result.SpecYaml);
        Assert.Contains("\nspec_version: \"1.0\"\n", result.SpecYaml);
        Assert.Contains("  - name: Book\n", result.SpecYaml);
        var analysis = SpecAnalyzer.Analyze(result.SpecYaml!);
        Assert.False(analysis.HasErrors);
        Assert.Equal("Books: and loans #1", analysis.Document.Description?.Value);
    }

    [Fact]
    public async Task The_request_carries_the_full_schema_low_temperature_json_format_and_the_description()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        await Draft(Options(stub));

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("stub-model", request.Body.GetProperty("model").GetString());
        Assert.True(request.Body.GetProperty("temperature").GetDouble() <= 0.2);
        Assert.Equal("json_object", request.Body.GetProperty("response_format").GetProperty("type").GetString());
        var schema = File.ReadAllText(Path.Combine(RepoRoot(), "schemas", "spec.schema.json"));
        Assert.Contains(schema, request.Messages[0].Content);
        Assert.Contains("ONLY one JSON object", request.Messages[0].Content);
        Assert.Equal("user", request.Messages[1].Role);
        Assert.Contains("A library that lends books", request.Messages[1].Content);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Json_in_a_markdown_fence_is_read()
    {
        using var stub = new StubEndpoint(StubReply.Answer("Here is the spec:\n```json\n" + ValidSpec + "\n```\nEnjoy."));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task A_schema_invalid_answer_is_retried_with_the_schema_errors_by_json_pointer_then_the_valid_one_is_kept()
    {
        using var stub = new StubEndpoint(StubReply.Answer(InvalidSpec), StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, stub.Requests.Count);
        var feedback = stub.Requests[1].Messages;
        Assert.Equal(("assistant", InvalidSpec), feedback[^2]);
        Assert.Equal("user", feedback[^1].Role);
        var prompt = feedback[^1].Content;
        Assert.Contains("\"type\": \"int\"\n", prompt);
        Assert.Contains("The JSON Schema check reports (JSON pointer of the value: error):\n- /entities/0/fields: ", prompt);
        Assert.Contains("\n- /entities/0/fields/1/type: Value should match one of the values specified by the enum\n", prompt);
        // The schema's errors come first, our validator's after them.
        Assert.True(prompt.IndexOf("/entities/0/fields/1/type", StringComparison.Ordinal) < prompt.IndexOf("the LspGen validator reports:", StringComparison.Ordinal));
        Assert.Contains("line 15, column 19: error LSG012", prompt);
    }

    [Fact]
    public async Task A_schema_invalid_answer_is_refused_even_where_our_validator_would_accept_it()
    {
        Assert.False(SpecAnalyzer.Analyze(DraftedSpec.ToJson(System.Text.Json.JsonDocument.Parse(SchemaOnlyInvalidSpec).RootElement)).Diagnostics
            .Any(d => d.Code is "LSG004" or "LSG015"), "the premise: our validator reads project_name true as text");
        using var stub = new StubEndpoint(StubReply.Answer(SchemaOnlyInvalidSpec), StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(2, result.Attempts);
        var prompt = stub.Requests[1].Messages[^1].Content;
        Assert.Contains("- /project_name: ", prompt);
        Assert.Contains("- /entities/0/colour: ", prompt);
    }

    [Fact]
    public async Task A_semantically_invalid_spec_is_retried_with_the_diagnostics_only()
    {
        using var stub = new StubEndpoint(StubReply.Answer(SemanticallyInvalidSpec), StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(2, result.Attempts);
        var prompt = stub.Requests[1].Messages[^1].Content;
        Assert.DoesNotContain("JSON Schema check", prompt);
        Assert.Contains("and the LspGen validator reports:\n- line ", prompt);
        Assert.Contains("error LSG018", prompt);
    }

    [Fact]
    public async Task Invalid_three_times_fails_with_the_diagnostics_and_no_spec()
    {
        using var stub = new StubEndpoint(StubReply.Answer(SemanticallyInvalidSpec), StubReply.Answer(SemanticallyInvalidSpec), StubReply.Answer(SemanticallyInvalidSpec));
        var result = await Draft(Options(stub));

        Assert.False(result.Succeeded);
        Assert.Null(result.SpecYaml);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(DraftFailureKind.InvalidSpec, result.Failure!.Kind);
        Assert.Equal("LSG018", Assert.Single(result.Failure.Diagnostics).Code);
        Assert.Empty(result.Failure.SchemaErrors);
        Assert.Equal("the drafted spec still has 1 error after 3 answers; nothing was written", result.Failure.Message);
    }

    [Fact]
    public async Task Schema_invalid_three_times_fails_with_the_schema_errors_and_the_diagnostics()
    {
        using var stub = new StubEndpoint(StubReply.Answer(InvalidSpec), StubReply.Answer(InvalidSpec), StubReply.Answer(InvalidSpec));
        var result = await Draft(Options(stub));

        Assert.False(result.Succeeded);
        Assert.Equal(DraftFailureKind.InvalidSpec, result.Failure!.Kind);
        Assert.Contains(result.Failure.SchemaErrors, e => e.InstanceLocation == "/entities/0/fields/1/type");
        Assert.Equal("LSG012", Assert.Single(result.Failure.Diagnostics).Code);
        var count = result.Failure.SchemaErrors.Count + 1;
        Assert.Equal($"the drafted spec still has {count} errors after 3 answers; nothing was written", result.Failure.Message);
    }

    [Fact]
    public async Task Garbage_three_times_fails_after_three_requests()
    {
        using var stub = new StubEndpoint(StubReply.Answer("Sure! A library has books."), StubReply.Answer("[1, 2]"), StubReply.Answer("{ not json"));
        var result = await Draft(Options(stub));

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(DraftFailureKind.InvalidAnswer, result.Failure!.Kind);
        Assert.StartsWith("the model gave no usable JSON spec in 3 answers; last: the answer is not JSON", result.Failure.Message);
        Assert.Contains("ONLY one JSON object", stub.Requests[1].Messages[^1].Content);
        Assert.Contains("not an object", stub.Requests[2].Messages[^1].Content);
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_within_the_bound()
    {
        using var stub = new StubEndpoint(new StubReply(200, "{}", Delay: TimeSpan.FromSeconds(10)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Draft(Options(stub, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(DraftFailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal($"the LLM endpoint {stub.BaseUrl} did not answer within 0.3 s", result.Failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task An_http_500_fails_without_revealing_the_key_even_when_the_server_echoes_it()
    {
        using var stub = new StubEndpoint(new StubReply(500, """{"error":"boom, you sent {AUTH}"}"""));
        var result = await Draft(Options(stub) with { ApiKeyEnvironmentVariable = KeyVariable });

        Assert.Equal("Bearer " + Key, Assert.Single(stub.Requests).Authorization);
        Assert.Equal(DraftFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal("""the LLM endpoint answered HTTP 500 InternalServerError: {"error":"boom, you sent Bearer [redacted]"}.""", result.Failure.Message);
        Assert.DoesNotContain(Key, result.Failure.Message);
        Assert.DoesNotContain(Key, result.ToString());
    }

    [Fact]
    public async Task A_redirect_to_a_host_that_is_not_allowed_is_refused_without_following_it()
    {
        using var stub = new StubEndpoint(new StubReply(307, "", Location: "http://llm.evil.example/v1/chat/completions"));
        var result = await Draft(Options(stub) with { ApiKeyEnvironmentVariable = KeyVariable });

        Assert.Single(stub.Requests);
        Assert.Equal(DraftFailureKind.HostNotAllowed, result.Failure!.Kind);
        Assert.Equal("the LLM endpoint redirected to host 'llm.evil.example', which is neither loopback nor allowed (--allow-host); the redirect was refused",
            result.Failure.Message);
    }

    [Fact]
    public async Task A_redirect_to_a_loopback_address_is_followed()
    {
        using var stub = new StubEndpoint(new StubReply(308, "", Location: "/other/v1/chat/completions"), StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(["/v1/chat/completions", "/other/v1/chat/completions"], stub.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task An_endpoint_that_rejects_response_format_is_asked_again_without_it()
    {
        using var stub = new StubEndpoint(new StubReply(400, """{"error":"unknown field response_format"}"""), StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(stub.Requests[0].Body.TryGetProperty("response_format", out _));
        Assert.False(stub.Requests[1].Body.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task Nothing_listening_says_how_to_configure_an_endpoint()
    {
        var port = StubEndpoint.FreePort();
        var result = await Draft(new DraftOptions { BaseUrl = $"http://127.0.0.1:{port}/v1" });

        Assert.Equal(DraftFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal($"cannot reach the LLM endpoint http://127.0.0.1:{port}/v1 (connection refused). {DraftOptions.HowToConfigure}", result.Failure.Message);
    }

    [Fact]
    public async Task A_remote_base_url_needs_an_explicit_allow_host()
    {
        var result = await Draft(new DraftOptions { BaseUrl = "https://api.example.com/v1" });

        Assert.Equal(DraftFailureKind.HostNotAllowed, result.Failure!.Kind);
        Assert.Equal("the LLM host 'api.example.com' is not allowed: only loopback hosts are contacted unless you allow one explicitly (--allow-host api.example.com)",
            result.Failure.Message);
    }

    [Fact]
    public async Task A_missing_key_variable_is_reported_by_name_before_any_request()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub) with { ApiKeyEnvironmentVariable = "LSPGEN_NOT_SET_ANYWHERE" });

        Assert.Empty(stub.Requests);
        Assert.Equal(DraftFailureKind.NotConfigured, result.Failure!.Kind);
        Assert.Equal("the environment variable LSPGEN_NOT_SET_ANYWHERE (named by --api-key-env) is not set or empty", result.Failure.Message);
    }

    [Fact]
    public async Task An_empty_description_is_refused_before_any_request()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var result = await Draft(Options(stub), "   ");

        Assert.Empty(stub.Requests);
        Assert.Equal(DraftFailureKind.NotConfigured, result.Failure!.Kind);
    }

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "LspGen.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("LspGen.sln not found");
        return dir;
    }
}
