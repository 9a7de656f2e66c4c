using System.Text.Json.Nodes;

namespace LspGen.LanguageServer.Tests.Server;

public class ConfigurationTests
{
    static readonly string Uri = LspSession.Uri("todo.spec.yaml");

    // InvalidType plus a warning: a non-canonical entity name (LSG021).
    static readonly string ErrorAndWarning = Specs.InvalidType.Replace("name: Task", "name: task", StringComparison.Ordinal);

    [Fact]
    public async Task Pushed_settings_turn_warnings_off_and_on_again()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(Uri, ErrorAndWarning);
        var both = await session.DiagnosticsAsync(Uri, 1);
        var severities = both.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("severity").GetInt32()).ToList();
        Assert.Contains(1, severities);
        Assert.Contains(2, severities);

        await session.NotifyAsync("workspace/didChangeConfiguration", """{"settings":{"lspgen":{"diagnostics":{"warnings":false}}}}""");
        await session.WaitForAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("diagnostics").EnumerateArray().All(d => d.GetProperty("severity").GetInt32() == 1) && p.GetProperty("diagnostics").GetArrayLength() > 0);

        await session.NotifyAsync("workspace/didChangeConfiguration", """{"settings":{"lspgen.diagnostics.errors":false}}""");
        await session.WaitForAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("diagnostics").EnumerateArray().All(d => d.GetProperty("severity").GetInt32() == 2) && p.GetProperty("diagnostics").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Settings_are_pulled_with_workspace_configuration_after_initialized()
    {
        await using var session = new LspSession { Settings = JsonNode.Parse("""{"diagnostics":{"errors":false}}""") };
        await session.InitializeAsync("""{"workspace":{"configuration":true}}""");
        await session.OpenAsync(Uri, Specs.InvalidType);

        await session.WaitForAsync("textDocument/publishDiagnostics", p => p.GetProperty("diagnostics").GetArrayLength() == 0);
        var request = Assert.Single(session.ServerRequests, r => r.Method == "workspace/configuration");
        Assert.Equal("lspgen", request.Params.GetProperty("items")[0].GetProperty("section").GetString());
    }

    [Fact]
    public async Task Settings_of_the_wrong_shape_are_ignored()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.NotifyAsync("workspace/didChangeConfiguration", """{"settings":{"lspgen":{"diagnostics":"off","outputDirectory":7}}}""");
        await session.OpenAsync(Uri, Specs.InvalidType);

        Assert.Equal(["LSG012"], LspSession.Codes(await session.DiagnosticsAsync(Uri, 1)));
    }
}
