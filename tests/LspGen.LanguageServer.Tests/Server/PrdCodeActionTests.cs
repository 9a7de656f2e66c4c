using System.Text.Json;

namespace LspGen.LanguageServer.Tests.Server;

// "Convert to <name>.spec.yaml" on a PRD: a source action that creates the spec through the client's workspace edit.
public sealed class PrdCodeActionTests : IDisposable
{
    const string Prd = """
        # Team Blog

        ## Entities
        - Post: title (string, required), body (text)
        """;

    const string CreateCapable = """{"workspace":{"applyEdit":true,"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]}}}""";

    readonly string workspace = Directory.CreateTempSubdirectory("lspgen-lsp-prd-action-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    string PrdPath => Path.Combine(workspace, "blog.prd.md");
    string PrdUri => new Uri(PrdPath).AbsoluteUri;
    string SpecUri => new Uri(Path.Combine(workspace, "blog.spec.yaml")).AbsoluteUri;

    async Task<LspSession> OpenAsync(string text, string capabilities)
    {
        File.WriteAllText(PrdPath, text);
        var session = new LspSession();
        await session.InitializeAsync(capabilities);
        await session.OpenAsync(PrdUri, text, languageId: "lspgen-prd");
        await session.DiagnosticsAsync(PrdUri, 1);
        return session;
    }

    Task<JsonElement> ActionsAsync(LspSession session, string[]? only = null) =>
        session.ResultAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = PrdUri },
            range = new { start = new { line = 3, character = 0 }, end = new { line = 3, character = 0 } },
            context = only is null ? (object)new { diagnostics = Array.Empty<object>() } : new { diagnostics = Array.Empty<object>(), only },
        });

    [Fact]
    public async Task Creates_the_spec_next_to_the_prd_with_CreateFile_and_a_text_edit()
    {
        await using var session = await OpenAsync(Prd, CreateCapable);

        var action = Assert.Single((await ActionsAsync(session)).EnumerateArray());

        Assert.Equal("Convert to blog.spec.yaml", action.GetProperty("title").GetString());
        Assert.Equal("source.lspgen.prdToSpec", action.GetProperty("kind").GetString());
        var changes = action.GetProperty("edit").GetProperty("documentChanges").EnumerateArray().ToList();
        Assert.Equal("create", changes[0].GetProperty("kind").GetString());
        Assert.Equal(SpecUri, changes[0].GetProperty("uri").GetString());
        Assert.Equal(SpecUri, changes[1].GetProperty("textDocument").GetProperty("uri").GetString());
        var yaml = Assert.Single(changes[1].GetProperty("edits").EnumerateArray()).GetProperty("newText").GetString()!;
        Assert.StartsWith("# LspGen spec (format 1.0) converted from blog.prd.md", yaml, StringComparison.Ordinal);
        Assert.Contains("project_name: team_blog\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  - name: Post\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_resource_operations_the_action_runs_lspgen_prdToSpec()
    {
        await using var session = await OpenAsync(Prd, "{}");

        var action = Assert.Single((await ActionsAsync(session)).EnumerateArray());

        var command = action.GetProperty("command");
        Assert.Equal("lspgen.prdToSpec", command.GetProperty("command").GetString());
        Assert.Equal(PrdUri, Assert.Single(command.GetProperty("arguments").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Not_offered_for_quick_fixes_only_with_errors_or_when_the_spec_exists()
    {
        await using (var session = await OpenAsync(Prd, CreateCapable))
        {
            Assert.Empty((await ActionsAsync(session, ["quickfix"])).EnumerateArray());
            Assert.Single((await ActionsAsync(session, ["source"])).EnumerateArray());
            File.WriteAllText(Path.Combine(workspace, "blog.spec.yaml"), "# mine\n");
            Assert.Empty((await ActionsAsync(session)).EnumerateArray());
            File.Delete(Path.Combine(workspace, "blog.spec.yaml"));
        }
        await using var broken = await OpenAsync("# Demo\n\n## Entities\n- Post: title (required)\n", CreateCapable);
        Assert.Empty((await ActionsAsync(broken)).EnumerateArray());
    }
}
