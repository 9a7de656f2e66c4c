namespace LspGen.LanguageServer.Tests.Server;

public class RobustnessTests
{
    static readonly string Uri = LspSession.Uri("todo.spec.yaml");

    [Fact]
    public async Task Invalid_params_get_an_error_response_and_the_server_keeps_serving()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(Uri, Specs.InvalidType);
        await session.DiagnosticsAsync(Uri, 1);

        var bad = await session.RequestAsync("textDocument/hover", """{"textDocument":{"uri":"x"},"position":"nowhere"}""");
        Assert.Equal(-32602, bad.GetProperty("error").GetProperty("code").GetInt32());
        await session.NotifyAsync("textDocument/didChange", """{"textDocument":{"uri":7},"contentChanges":"?"}""");
        await session.NotifyAsync("textDocument/didChange", """{"textDocument":{"uri":"file:///not/open.spec.yaml","version":2},"contentChanges":[{"text":"x"}]}""");

        var completion = await session.ResultAsync("textDocument/completion", LspSession.At(Uri, 9, 15));
        Assert.True(completion.GetProperty("items").GetArrayLength() > 0);
        Assert.Equal(0, await session.ShutdownAsync());
    }

    [Fact]
    public async Task Positions_outside_the_document_are_clamped_not_fatal()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(Uri, Specs.Valid);
        await session.DiagnosticsAsync(Uri, 1);

        foreach (var (line, character) in new[] { (-5, -5), (10_000, 3), (3, 10_000), (int.MaxValue, int.MaxValue) })
        {
            await session.ResultAsync("textDocument/completion", LspSession.At(Uri, line, character));
            await session.ResultAsync("textDocument/hover", LspSession.At(Uri, line, character));
            await session.ResultAsync("textDocument/definition", LspSession.At(Uri, line, character));
        }
        await session.ChangeAsync(Uri, 2, LspSession.Replace(500, 0, -3, 99, "x"));
        await session.DiagnosticsAsync(Uri, 2);
    }
}
