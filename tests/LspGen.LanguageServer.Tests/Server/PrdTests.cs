namespace LspGen.LanguageServer.Tests.Server;

// PRDs (*.prd.md) go through the PRD front end: diagnostics, generation and conversion to spec.yaml.
public sealed class PrdTests : IDisposable
{
    const string Prd = """
        # Team Blog

        A blog where members of a team publish posts.

        ## Data Models

        ### Post
        - title: string (required)
        - body: text (required)
        - view_count: integer
        """;

    readonly string workspace = Directory.CreateTempSubdirectory("lspgen-lsp-prd-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    string PrdPath => Path.Combine(workspace, "blog.prd.md");
    string PrdUri => new Uri(PrdPath).AbsoluteUri;

    async Task<LspSession> OpenAsync(string text)
    {
        File.WriteAllText(PrdPath, text);
        var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(PrdUri, text, languageId: "markdown");
        return session;
    }

    [Fact]
    public async Task A_prd_gets_diagnostics_from_the_prd_front_end()
    {
        await using var session = await OpenAsync(Prd);
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(PrdUri, 1)));

        await session.ChangeAsync(PrdUri, 2, LspSession.Whole(Prd.Replace("view_count: integer", "view_count: intgr", StringComparison.Ordinal)));

        var published = await session.DiagnosticsAsync(PrdUri, 2);
        var diagnostic = Assert.Single(published.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(9, diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Generate_from_a_prd_writes_the_project()
    {
        await using var session = await OpenAsync(Prd);
        await session.DiagnosticsAsync(PrdUri, 1);

        var result = await session.ResultAsync("workspace/executeCommand", new { command = "lspgen.generate", arguments = new[] { PrdUri, Path.Combine(workspace, "out") } });

        Assert.True(result.GetProperty("written").GetInt32() > 10);
        Assert.True(File.Exists(Path.Combine(workspace, "out", "app", "main.py")));
    }

    [Fact]
    public async Task PrdToSpec_writes_the_spec_next_to_the_prd_once_and_never_over_an_existing_file()
    {
        await using var session = await OpenAsync(Prd);
        await session.DiagnosticsAsync(PrdUri, 1);

        var result = await session.ResultAsync("workspace/executeCommand", new { command = "lspgen.prdToSpec", arguments = new[] { PrdUri } });

        var specPath = result.GetProperty("specPath").GetString()!;
        Assert.Equal(workspace, Path.GetDirectoryName(specPath));
        Assert.Equal(new Uri(specPath).AbsoluteUri, result.GetProperty("specUri").GetString());
        var yaml = File.ReadAllText(specPath);
        Assert.Contains("spec_version", yaml);
        Assert.Contains("Post", yaml);

        File.WriteAllText(specPath, "# mine\n");
        var again = await session.RequestAsync("workspace/executeCommand", new { command = "lspgen.prdToSpec", arguments = new[] { PrdUri } });
        Assert.Contains("already exists", again.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("# mine\n", File.ReadAllText(specPath));
    }
}
