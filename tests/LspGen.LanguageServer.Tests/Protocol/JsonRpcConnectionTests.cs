using System.Text.Json;
using System.Text.Json.Serialization;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using LspRange = LspGen.LanguageServer.Protocol.Lsp.Range;

namespace LspGen.LanguageServer.Tests.Protocol;

public record EchoParams(string Text, int Times = 1);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EchoParams))]
[JsonSerializable(typeof(List<string>))]
public partial class TestJsonContext : JsonSerializerContext;

public class JsonRpcConnectionTests
{
    const string HoverParams = """{"textDocument":{"uri":"file:///a.spec.yaml"},"position":{"line":3,"character":7}}""";

    static LspTestClient WithHover(Func<TextDocumentPositionParams, CancellationToken, Task<Hover?>>? hover = null)
    {
        var client = new LspTestClient();
        client.Server.OnRequest<TextDocumentPositionParams, Hover?>("textDocument/hover", hover ?? ((p, _) =>
            Task.FromResult<Hover?>(new Hover(new MarkupContent(MarkupKind.Markdown, $"at {p.Position.Line}:{p.Position.Character} 日本語 😀")))));
        return client;
    }

    [Fact]
    public async Task Answers_a_request_with_its_handler_result()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        var response = await client.RequestAsync(1, "textDocument/hover", HoverParams);

        Assert.Equal("2.0", response.GetProperty("jsonrpc").GetString());
        Assert.Equal(1, response.GetProperty("id").GetInt32());
        var contents = response.GetProperty("result").GetProperty("contents");
        Assert.Equal("markdown", contents.GetProperty("kind").GetString());
        Assert.Equal("at 3:7 日本語 😀", contents.GetProperty("value").GetString());
        Assert.False(response.GetProperty("result").TryGetProperty("range", out _), "null members are omitted");
    }

    [Fact]
    public async Task String_ids_are_echoed_and_null_results_are_written()
    {
        await using var client = WithHover((_, _) => Task.FromResult<Hover?>(null));
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync($$"""{"jsonrpc":"2.0","id":"abc","method":"textDocument/hover","params":{{HoverParams}}}""");
        var response = await client.ReceiveAsync();

        Assert.Equal("abc", response.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Types_from_an_additional_context_can_be_used()
    {
        await using var client = new LspTestClient(TestJsonContext.Default);
        client.Server.OnRequest<EchoParams, List<string>>("test/echo", (p, _) => Enumerable.Repeat(p.Text, p.Times).ToList());
        client.Start();
        await client.InitializeAsync();

        var response = await client.RequestAsync(1, "test/echo", """{"text":"hi","times":2}""");

        Assert.Equal("""["hi","hi"]""", response.GetProperty("result").GetRawText());
    }

    [Fact]
    public void Registering_a_type_without_a_contract_fails_with_a_clear_message()
    {
        var client = new LspTestClient();

        var error = Assert.Throws<InvalidOperationException>(() =>
            client.Server.OnRequest<EchoParams, string>("test/echo", (p, _) => p.Text));

        Assert.Contains("add [JsonSerializable(typeof(EchoParams))]", error.Message);
    }

    [Fact]
    public async Task Requests_before_initialize_get_ServerNotInitialized_and_notifications_are_dropped()
    {
        await using var client = WithHover();
        var opened = 0;
        client.Server.OnNotification<DidOpenTextDocumentParams>("textDocument/didOpen", _ => opened++);
        client.Start();

        await client.NotifyAsync("textDocument/didOpen", """{"textDocument":{"uri":"file:///a","languageId":"yaml","version":1,"text":""}}""");
        var early = await client.RequestAsync(1, "textDocument/hover", HoverParams);
        await client.InitializeAsync();
        var late = await client.RequestAsync(2, "textDocument/hover", HoverParams);

        JsonAssert.IsError(early, ErrorCodes.ServerNotInitialized);
        Assert.Equal(1, early.GetProperty("id").GetInt32());
        Assert.True(late.TryGetProperty("result", out _));
        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task Initialize_receives_the_client_capabilities_and_may_be_sent_only_once()
    {
        await using var client = new LspTestClient();
        InitializeParams? received = null;
        client.Server.OnRequest<InitializeParams, InitializeResult>("initialize", (p, _) =>
        {
            received = p;
            return new InitializeResult(new ServerCapabilities
            {
                PositionEncoding = PositionEncoding.Negotiate(p.Capabilities).Name,
                HoverProvider = true,
                TextDocumentSync = new TextDocumentSyncOptions { OpenClose = true, Change = TextDocumentSyncKind.Incremental },
            }, new ServerInfo("lspgen", "1.0"));
        });
        client.Start();

        var response = await client.RequestAsync(1, "initialize",
            """{"processId":42,"clientInfo":{"name":"test"},"capabilities":{"general":{"positionEncodings":["utf-8"]},"window":{"workDoneProgress":true},"experimental":{"x":1}}}""");
        var again = await client.RequestAsync(2, "initialize", """{"capabilities":{}}""");

        var capabilities = response.GetProperty("result").GetProperty("capabilities");
        Assert.Equal("utf-8", capabilities.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.Equal("lspgen", response.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(42, received!.ProcessId);
        Assert.True(client.Server.ClientCapabilities.Window?.WorkDoneProgress);
        JsonAssert.IsError(again, ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Unknown_request_gets_MethodNotFound_and_unknown_notifications_are_ignored()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("custom/unknownNotification", "{}");
        await client.NotifyAsync("$/setTrace", """{"value":"off"}""");
        var unknown = await client.RequestAsync(1, "textDocument/unknownRequest", "{}");
        var next = await client.RequestAsync(2, "textDocument/hover", HoverParams);

        JsonAssert.IsError(unknown, ErrorCodes.MethodNotFound);
        Assert.Contains("textDocument/unknownRequest", unknown.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(2, next.GetProperty("id").GetInt32()); // no response was sent for either notification
        Assert.Contains(client.Log.Lines, line => line.Contains("custom/unknownNotification", StringComparison.Ordinal));
        Assert.DoesNotContain(client.Log.Lines, line => line.Contains("$/setTrace", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"textDocument":{"uri":"file:///a"}}""")]                                   // position missing
    [InlineData("""{"textDocument":5,"position":{"line":0,"character":0}}""")]                // wrong type
    [InlineData("""{"textDocument":{"uri":null},"position":{"line":0,"character":0}}""")]     // null for a required string
    [InlineData("""{"textDocument":{"uri":"file:///a"},"position":{"line":"x","character":0}}""")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task Undeserialisable_params_get_InvalidParams(string parameters)
    {
        var called = false;
        await using var client = WithHover((_, _) => { called = true; return Task.FromResult<Hover?>(null); });
        client.Start();
        await client.InitializeAsync();

        var response = await client.RequestAsync(7, "textDocument/hover", parameters);

        JsonAssert.IsError(response, ErrorCodes.InvalidParams);
        Assert.Equal(7, response.GetProperty("id").GetInt32());
        Assert.False(called);
    }

    [Fact]
    public async Task A_throwing_handler_gets_InternalError_with_a_generic_message_and_the_server_goes_on()
    {
        var calls = 0;
        await using var client = WithHover((_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("secret internal detail");
            return Task.FromResult<Hover?>(null);
        });
        client.Start();
        await client.InitializeAsync();

        var failed = await client.RequestAsync(1, "textDocument/hover", HoverParams);
        var next = await client.RequestAsync(2, "textDocument/hover", HoverParams);

        JsonAssert.IsError(failed, ErrorCodes.InternalError);
        Assert.DoesNotContain("secret", failed.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains(client.Log.Lines, line => line.StartsWith("Error:", StringComparison.Ordinal) && line.Contains("secret internal detail", StringComparison.Ordinal));
        Assert.True(next.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_JsonRpcException_from_a_handler_is_sent_as_is()
    {
        await using var client = WithHover((_, _) => throw new JsonRpcException(ErrorCodes.RequestFailed, "The spec has 2 errors: fix them before generating."));
        client.Start();
        await client.InitializeAsync();

        var response = await client.RequestAsync(1, "textDocument/hover", HoverParams);

        JsonAssert.IsError(response, ErrorCodes.RequestFailed);
        Assert.Equal("The spec has 2 errors: fix them before generating.", response.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task CancelRequest_cancels_the_handler_token_and_answers_RequestCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = WithHover(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync($$"""{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{{HoverParams}}}""");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.NotifyAsync("$/cancelRequest", """{"id":5}""");
        var response = await client.ReceiveAsync();

        JsonAssert.IsError(response, ErrorCodes.RequestCancelled);
        Assert.Equal(5, response.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Cancelling_an_unknown_or_finished_request_is_harmless()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("$/cancelRequest", """{"id":999}""");
        await client.NotifyAsync("$/cancelRequest", """{"id":"nope"}""");
        var response = await client.RequestAsync(1, "textDocument/hover", HoverParams);

        Assert.True(response.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Notifications_are_handled_in_arrival_order_before_later_requests()
    {
        await using var client = new LspTestClient();
        var seen = new List<int>();
        var random = new Random(1234);
        client.Server.OnNotification<DidChangeTextDocumentParams>("textDocument/didChange", async (p, _) =>
        {
            // Random awaits would reorder the list if handlers overlapped.
            await Task.Delay(random.Next(0, 3));
            lock (seen) seen.Add(p.TextDocument.Version);
        });
        client.Server.OnRequest<DocumentParams, int>("test/count", (_, _) => { lock (seen) return seen.Count; });
        client.Start();
        await client.InitializeAsync();

        for (var version = 1; version <= 150; version++)
            await client.NotifyAsync("textDocument/didChange", $$"""{"textDocument":{"uri":"file:///a","version":{{version}}},"contentChanges":[{"text":"v{{version}}"}]}""");
        var count = await client.RequestAsync(1, "test/count", """{"textDocument":{"uri":"file:///a"}}""");

        Assert.Equal(150, count.GetProperty("result").GetInt32());
        Assert.Equal(Enumerable.Range(1, 150), seen);
    }

    [Fact]
    public async Task Requests_run_concurrently()
    {
        await using var client = new LspTestClient();
        var secondArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first request can only finish once the second has run: a serial dispatcher would deadlock.
        client.Server.OnRequest<DocumentParams, bool>("test/first", (_, ct) => secondArrived.Task.WaitAsync(ct));
        client.Server.OnRequest<DocumentParams, bool>("test/second", (_, _) => secondArrived.TrySetResult(true));
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"test/first","params":{"textDocument":{"uri":"file:///a"}}}""");
        await client.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"test/second","params":{"textDocument":{"uri":"file:///a"}}}""");
        var responses = new[] { await client.ReceiveAsync(), await client.ReceiveAsync() };

        Assert.Equal([1, 2], responses.Select(r => r.GetProperty("id").GetInt32()).Order());
        Assert.All(responses, r => Assert.True(r.GetProperty("result").GetBoolean()));
    }

    [Fact]
    public async Task Shutdown_then_exit_returns_0_and_requests_after_shutdown_get_InvalidRequest()
    {
        await using var client = WithHover();
        var shutdownCalled = false;
        client.Server.OnRequest<JsonElement?>("shutdown", _ => { shutdownCalled = true; return Task.FromResult<JsonElement?>(null); });
        client.Start();
        await client.InitializeAsync();

        var shutdown = await client.RequestAsync(1, "shutdown");
        var after = await client.RequestAsync(2, "textDocument/hover", HoverParams);
        var secondShutdown = await client.RequestAsync(3, "shutdown");
        await client.NotifyAsync("exit");

        Assert.Equal(JsonValueKind.Null, shutdown.GetProperty("result").ValueKind);
        Assert.True(shutdownCalled);
        JsonAssert.IsError(after, ErrorCodes.InvalidRequest);
        JsonAssert.IsError(secondShutdown, ErrorCodes.InvalidRequest);
        Assert.Equal(0, await client.Finished);
        Assert.Equal(0, client.Server.ExitCode);
        Assert.True(await client.OutputEndedAsync());
    }

    [Fact]
    public async Task Shutdown_works_without_a_registered_handler()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        var shutdown = await client.RequestAsync(1, "shutdown");
        await client.NotifyAsync("exit");

        Assert.Equal(JsonValueKind.Null, shutdown.GetProperty("result").ValueKind);
        Assert.Equal(0, await client.Finished);
    }

    [Fact]
    public async Task Exit_without_shutdown_returns_1()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("exit");

        Assert.Equal(1, await client.Finished);
        Assert.Equal(1, client.Server.ExitCode);
    }

    [Fact]
    public async Task Exit_before_initialize_returns_1()
    {
        await using var client = WithHover();
        client.Start();

        await client.NotifyAsync("exit");

        Assert.Equal(1, await client.Finished);
    }

    [Fact]
    public async Task The_end_of_the_input_without_exit_returns_1()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.EndInputAsync();

        Assert.Equal(1, await client.Finished);
    }

    [Fact]
    public async Task Exit_cancels_requests_still_running()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = WithHover(async (_, ct) =>
        {
            ct.Register(cancelled.SetResult);
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync($$"""{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{{HoverParams}}}""");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.RequestAsync(2, "shutdown");
        await client.NotifyAsync("exit");

        Assert.Equal(0, await client.Finished);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Invalid_json_gets_ParseError_with_null_id_and_the_server_goes_on()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":""");
        var parseError = await client.ReceiveAsync();
        var next = await client.RequestAsync(2, "textDocument/hover", HoverParams);

        JsonAssert.IsError(parseError, ErrorCodes.ParseError);
        JsonAssert.HasNullId(parseError);
        Assert.Equal(2, next.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"x"}]""", null)]
    [InlineData("""42""", null)]
    [InlineData("""{"id":3,"method":"textDocument/hover"}""", 3)]
    [InlineData("""{"jsonrpc":"1.0","id":4,"method":"textDocument/hover"}""", 4)]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":17}""", 5)]
    [InlineData("""{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover"}""", null)]
    [InlineData("""{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}""", null)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"textDocument/hover"}""", null)]
    [InlineData("""{"jsonrpc":"2.0","id":6}""", 6)]
    public async Task Malformed_messages_get_InvalidRequest(string message, int? id)
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync(message);
        var response = await client.ReceiveAsync();
        var next = await client.RequestAsync(9, "textDocument/hover", HoverParams);

        JsonAssert.IsError(response, ErrorCodes.InvalidRequest);
        if (id is null) JsonAssert.HasNullId(response);
        else Assert.Equal(id, response.GetProperty("id").GetInt32());
        Assert.Equal(9, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Framing_garbage_gets_ParseError_and_the_server_resynchronises()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.SendRawAsync("this is not a header\r\n\r\n");
        var error = await client.ReceiveAsync();
        var next = await client.RequestAsync(1, "textDocument/hover", HoverParams);

        JsonAssert.IsError(error, ErrorCodes.ParseError);
        JsonAssert.HasNullId(error);
        Assert.Contains("Malformed header line", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_too_short_content_length_gets_ParseErrors_and_the_next_request_is_answered()
    {
        await using var client = WithHover();
        client.Start();
        await client.InitializeAsync();

        await client.SendRawAsync("Content-Length: 20\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\"}");
        var responses = new List<JsonElement>();
        await client.SendAsync($$"""{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{{HoverParams}}}""");
        JsonElement response;
        while (!(response = await client.ReceiveAsync()).TryGetProperty("result", out _)) responses.Add(response);

        Assert.Equal(2, response.GetProperty("id").GetInt32());
        Assert.NotEmpty(responses);
        Assert.All(responses, r => { JsonAssert.IsError(r, ErrorCodes.ParseError); JsonAssert.HasNullId(r); });
    }

    [Fact]
    public async Task Server_to_client_requests_are_correlated_with_the_client_responses()
    {
        await using var client = new LspTestClient();
        client.Server.OnRequest<DocumentParams, string>("test/askClient", async (_, ct) =>
        {
            var settings = await client.Server.SendRequestAsync<ConfigurationParams, JsonElement[]>(
                "workspace/configuration", new ConfigurationParams([new ConfigurationItem(Section: "lspgen")]), ct);
            var applied = await client.Server.SendRequestAsync<ApplyWorkspaceEditParams, ApplyWorkspaceEditResult>(
                "workspace/applyEdit", new ApplyWorkspaceEditParams(new WorkspaceEdit(), "x"), ct);
            return $"{settings![0].GetProperty("outputFolder").GetString()} applied={applied!.Applied}";
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"test/askClient","params":{"textDocument":{"uri":"file:///a"}}}""");
        var configuration = await client.ReceiveAsync();
        var configurationId = configuration.GetProperty("id");
        Assert.Equal("workspace/configuration", configuration.GetProperty("method").GetString());
        Assert.Equal("lspgen", configuration.GetProperty("params").GetProperty("items")[0].GetProperty("section").GetString());
        Assert.Equal(JsonValueKind.String, configurationId.ValueKind); // never confused with the client's integer ids
        // An unrelated response first: it must be ignored, not mistaken for the answer.
        await client.SendAsync("""{"jsonrpc":"2.0","id":"unrelated","result":123}""");
        await client.SendAsync($$"""{"jsonrpc":"2.0","id":{{configurationId.GetRawText()}},"result":[{"outputFolder":"out"}]}""");
        var applyEdit = await client.ReceiveAsync();
        Assert.Equal("workspace/applyEdit", applyEdit.GetProperty("method").GetString());
        Assert.NotEqual(configurationId.GetString(), applyEdit.GetProperty("id").GetString());
        await client.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{applyEdit.GetProperty("id").GetRawText()}}},"result":{"applied":true}}""");
        var response = await client.ReceiveAsync();

        Assert.Equal(1, response.GetProperty("id").GetInt32());
        Assert.Equal("out applied=True", response.GetProperty("result").GetString());
        Assert.Contains(client.Log.Lines, line => line.Contains("unknown request id unrelated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_answer_to_a_server_request_surfaces_as_JsonRpcException()
    {
        await using var client = new LspTestClient();
        client.Server.OnRequest<DocumentParams, string>("test/askClient", async (_, ct) =>
        {
            try
            {
                await client.Server.SendRequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams("t"), ct);
                return "no error";
            }
            catch (JsonRpcException exception)
            {
                return $"{exception.Code}: {exception.Message}";
            }
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"test/askClient","params":{"textDocument":{"uri":"file:///a"}}}""");
        var create = await client.ReceiveAsync();
        await client.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{create.GetProperty("id").GetRawText()}}},"error":{"code":-32601,"message":"nope"}}""");
        var response = await client.ReceiveAsync();

        Assert.Equal("-32601: nope", response.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Cancelling_a_server_request_sends_cancelRequest_to_the_client()
    {
        await using var client = new LspTestClient();
        using var cancel = new CancellationTokenSource();
        client.Server.OnRequest<DocumentParams, string>("test/askClient", async (_, _) =>
        {
            var asking = client.Server.SendRequestAsync<ConfigurationParams, JsonElement[]>("workspace/configuration", new ConfigurationParams([]), cancel.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
            return "cancelled";
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"test/askClient","params":{"textDocument":{"uri":"file:///a"}}}""");
        var request = await client.ReceiveAsync();
        cancel.Cancel();
        var cancelRequest = await client.ReceiveAsync();
        var response = await client.ReceiveAsync();

        Assert.Equal("$/cancelRequest", cancelRequest.GetProperty("method").GetString());
        Assert.Equal(request.GetProperty("id").GetRawText(), cancelRequest.GetProperty("params").GetProperty("id").GetRawText());
        Assert.Equal("cancelled", response.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Pending_server_requests_fail_when_the_connection_ends()
    {
        await using var client = new LspTestClient();
        Task<JsonElement[]?>? pending = null;
        client.Server.OnNotification("test/ask", () =>
            pending = client.Server.SendRequestAsync<ConfigurationParams, JsonElement[]>("workspace/configuration", new ConfigurationParams([])));
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("test/ask");
        await client.ReceiveAsync();
        await client.NotifyAsync("exit");
        await client.Finished;

        await Assert.ThrowsAsync<ConnectionClosedException>(() => pending!);
    }

    [Fact]
    public async Task Notifications_to_the_client_carry_their_params()
    {
        await using var client = new LspTestClient();
        client.Server.OnNotification<DidOpenTextDocumentParams>("textDocument/didOpen", (p, _) =>
            client.Server.SendNotificationAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(p.TextDocument.Uri,
                [new Diagnostic(new LspRange(new Position(0, 0), new Position(0, 4)), "Unknown type 'strng'", DiagnosticSeverity.Error, "LSG010", Source: "lspgen")],
                p.TextDocument.Version)));
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("textDocument/didOpen", """{"textDocument":{"uri":"file:///a","languageId":"yaml","version":3,"text":"x"}}""");
        var published = await client.ReceiveAsync();

        Assert.Equal(
            """{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///a","diagnostics":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":4}},"message":"Unknown type 'strng'","severity":1,"code":"LSG010","source":"lspgen"}],"version":3}}""",
            published.GetRawText());
    }

    [Fact]
    public async Task Work_done_progress_creates_a_token_then_sends_begin_report_end()
    {
        await using var client = new LspTestClient();
        client.Server.OnRequest<DocumentParams, string>("test/generate", async (_, ct) =>
        {
            await using var progress = await WorkDoneProgress.BeginAsync(client.Server, "Generating backend", cancellationToken: ct);
            await progress.ReportAsync("models", 50);
            await progress.EndAsync("12 files");
            return "done";
        });
        client.Start();
        await client.InitializeAsync("""{"window":{"workDoneProgress":true}}""");

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"test/generate","params":{"textDocument":{"uri":"file:///a"}}}""");
        var create = await client.ReceiveAsync();
        Assert.Equal("window/workDoneProgress/create", create.GetProperty("method").GetString());
        var token = create.GetProperty("params").GetProperty("token").GetRawText();
        await client.SendAsync($$"""{"jsonrpc":"2.0","id":{{create.GetProperty("id").GetRawText()}},"result":null}""");
        var begin = await client.ReceiveAsync();
        var report = await client.ReceiveAsync();
        var end = await client.ReceiveAsync();
        var response = await client.ReceiveAsync();

        Assert.All(new[] { begin, report, end }, m =>
        {
            Assert.Equal("$/progress", m.GetProperty("method").GetString());
            Assert.Equal(token, m.GetProperty("params").GetProperty("token").GetRawText());
        });
        Assert.Equal("""{"title":"Generating backend","cancellable":false,"percentage":0,"kind":"begin"}""", begin.GetProperty("params").GetProperty("value").GetRawText());
        Assert.Equal("""{"message":"models","percentage":50,"kind":"report"}""", report.GetProperty("params").GetProperty("value").GetRawText());
        Assert.Equal("""{"message":"12 files","kind":"end"}""", end.GetProperty("params").GetProperty("value").GetRawText());
        Assert.Equal("done", response.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Work_done_progress_uses_the_client_token_and_ends_on_dispose()
    {
        await using var client = new LspTestClient();
        client.Server.OnRequest<ExecuteCommandParams, string>("workspace/executeCommand", async (p, ct) =>
        {
            await using var progress = await WorkDoneProgress.BeginAsync(client.Server, "Generating", clientToken: p.WorkDoneToken, cancellationToken: ct);
            return "done";
        });
        client.Start();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"workspace/executeCommand","params":{"command":"lspgen.generate","workDoneToken":"client-7"}}""");
        var begin = await client.ReceiveAsync();
        var end = await client.ReceiveAsync();
        var response = await client.ReceiveAsync();

        Assert.Equal("\"client-7\"", begin.GetProperty("params").GetProperty("token").GetRawText());
        Assert.Equal("begin", begin.GetProperty("params").GetProperty("value").GetProperty("kind").GetString());
        Assert.Equal("end", end.GetProperty("params").GetProperty("value").GetProperty("kind").GetString());
        Assert.Equal("done", response.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Work_done_progress_is_silent_when_the_client_does_not_support_it()
    {
        await using var client = new LspTestClient();
        client.Server.OnRequest<DocumentParams, bool>("test/generate", async (_, ct) =>
        {
            await using var progress = await WorkDoneProgress.BeginAsync(client.Server, "Generating", cancellationToken: ct);
            await progress.ReportAsync("half", 50);
            return progress.IsActive;
        });
        client.Start();
        await client.InitializeAsync();

        var response = await client.RequestAsync(1, "test/generate", """{"textDocument":{"uri":"file:///a"}}""");

        Assert.False(response.GetProperty("result").GetBoolean()); // and the response is the first message: no progress
    }

    [Fact]
    public async Task ClientLog_sends_window_logMessage()
    {
        await using var client = new LspTestClient();
        var clientLog = new ClientLog(client.Server);
        client.Server.OnNotification("test/log", () => clientLog.Write(LogLevel.Warning, "careful: 日本"));
        client.Start();
        await client.InitializeAsync();

        await client.NotifyAsync("test/log");
        var message = await client.ReceiveAsync();

        Assert.Equal("""{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":2,"message":"careful: 日本"}}""", message.GetRawText());
    }
}
