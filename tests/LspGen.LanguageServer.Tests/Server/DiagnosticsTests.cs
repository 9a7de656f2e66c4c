using System.Text.Json;

namespace LspGen.LanguageServer.Tests.Server;

public class DiagnosticsTests
{
    static readonly string Uri = LspSession.Uri("todo.spec.yaml");

    [Fact]
    public async Task Initialize_announces_the_features_and_negotiates_utf16_by_default()
    {
        await using var session = new LspSession();

        var result = await session.InitializeAsync();

        var capabilities = result.GetProperty("capabilities");
        Assert.Equal("utf-16", capabilities.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.Equal([":", " ", "-"], capabilities.GetProperty("completionProvider").GetProperty("triggerCharacters").EnumerateArray().Select(e => e.GetString()));
        Assert.True(capabilities.GetProperty("renameProvider").GetProperty("prepareProvider").GetBoolean());
        Assert.Equal(["quickfix", "source.lspgen.prdToSpec"], capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["lspgen.generate", "lspgen.preview", "lspgen.prdToSpec", "lspgen.draftSpec"], capabilities.GetProperty("executeCommandProvider").GetProperty("commands").EnumerateArray().Select(e => e.GetString()));
        foreach (var provider in new[] { "hoverProvider", "documentSymbolProvider", "foldingRangeProvider", "definitionProvider", "referencesProvider" })
            Assert.True(capabilities.GetProperty(provider).GetBoolean(), provider);
        Assert.Equal("lspgen", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(0, await session.ShutdownAsync());
    }

    [Fact]
    public async Task DidOpen_publishes_the_invalid_type_with_code_range_version_source_and_link()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();

        await session.OpenAsync(Uri, Specs.InvalidType, version: 7);

        var published = await session.DiagnosticsAsync(Uri, 7);
        var diagnostic = Assert.Single(published.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("LSG012", diagnostic.GetProperty("code").GetString());
        Assert.Equal(1, diagnostic.GetProperty("severity").GetInt32());
        Assert.Equal("lspgen", diagnostic.GetProperty("source").GetString());
        Assert.Equal("""{"start":{"line":9,"character":14},"end":{"line":9,"character":17}}""", diagnostic.GetProperty("range").GetRawText());
        var href = diagnostic.GetProperty("codeDescription").GetProperty("href").GetString()!;
        Assert.StartsWith("file:///", href, StringComparison.Ordinal);
        Assert.EndsWith("/docs/diagnostics.md#lsg012", href, StringComparison.Ordinal);
        Assert.True(File.Exists(new Uri(href).LocalPath), $"the linked docs must exist: {href}");
        Assert.Equal("integer", diagnostic.GetProperty("data").GetProperty("replacement").GetString());
        Assert.Contains("int", diagnostic.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_duplicate_entity_points_at_the_first_declaration()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();

        await session.OpenAsync(Uri, Specs.DuplicateEntity);

        var published = await session.DiagnosticsAsync(Uri, 1);
        var duplicate = published.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "LSG010");
        Assert.Equal(8, duplicate.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        var related = Assert.Single(duplicate.GetProperty("relatedInformation").EnumerateArray());
        Assert.Equal(Uri, related.GetProperty("location").GetProperty("uri").GetString());
        Assert.Equal(3, related.GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Incremental_changes_update_the_diagnostics_of_each_version()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(Uri, Specs.InvalidType);
        Assert.Equal(["LSG012"], LspSession.Codes(await session.DiagnosticsAsync(Uri, 1)));

        // "int" → "integer": an insertion at the end of the type.
        await session.ChangeAsync(Uri, 2, LspSession.Replace(9, 17, 9, 17, "eger"));
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(Uri, 2)));

        // Two changes in one notification, applied in order: break the type again, then rename the project badly.
        await session.ChangeAsync(Uri, 3,
            LspSession.Replace(9, 14, 9, 21, "text2"),
            LspSession.Replace(1, 14, 1, 22, "TodoApp"));
        var codes = LspSession.Codes(await session.DiagnosticsAsync(Uri, 3));
        Assert.Contains("LSG012", codes);
        Assert.Contains(codes, c => c != "LSG012");

        // A full-text change replaces everything.
        await session.ChangeAsync(Uri, 4, LspSession.Whole(Specs.Valid));
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(Uri, 4)));
    }

    [Fact]
    public async Task Only_the_last_of_rapid_changes_is_analysed_and_published_last()
    {
        await using var session = new LspSession(debounce: TimeSpan.FromMilliseconds(50));
        await session.InitializeAsync();
        await session.OpenAsync(Uri, Specs.Valid);
        await session.DiagnosticsAsync(Uri, 1);

        for (var version = 2; version <= 30; version++)
            await session.ChangeAsync(Uri, version, LspSession.Whole(version % 2 == 0 ? Specs.InvalidType : Specs.Valid));
        await session.ChangeAsync(Uri, 31, LspSession.Whole(Specs.InvalidType));

        var last = await session.DiagnosticsAsync(Uri, 31);
        Assert.Equal(["LSG012"], LspSession.Codes(last));
        var versions = session.Notifications("textDocument/publishDiagnostics").Select(n => n.GetProperty("params").GetProperty("version").GetInt32()).ToList();
        Assert.Equal(31, versions[^1]);
        Assert.True(versions.Count < 10, $"stale versions were published: {string.Join(",", versions)}");
    }

    [Fact]
    public async Task Documents_that_are_not_specs_get_no_diagnostics_until_their_first_key_is_spec_version()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        var other = LspSession.Uri("docker-compose.yaml");
        await session.OpenAsync(other, "services:\n  db: [unclosed\n");
        await session.OpenAsync(Uri, Specs.InvalidType);
        await session.DiagnosticsAsync(Uri, 1);
        Assert.DoesNotContain(session.Notifications("textDocument/publishDiagnostics"), n => n.GetProperty("params").GetProperty("uri").GetString() == other);

        // Any YAML whose first key is spec_version is a spec, whatever its name.
        await session.ChangeAsync(other, 2, LspSession.Whole("# comment\nspec_version: \"1.0\"\nproject_name: x\n"));
        var published = await session.DiagnosticsAsync(other, 2);
        Assert.NotEmpty(LspSession.Codes(published));

        // And stops being one: its diagnostics are cleared.
        await session.ChangeAsync(other, 3, LspSession.Whole("services: {}\n"));
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(other, 3)));
    }

    [Theory]
    [InlineData("file:///w/spec.yaml", "yaml")]
    [InlineData("file:///w/shop.spec.yaml", "yaml")]
    [InlineData("file:///w/shop.lspgen.yaml", "yaml")]
    [InlineData("untitled:Untitled-1", "lspgen-spec")]
    public async Task Spec_files_are_recognised_by_name_or_language_id(string uri, string languageId)
    {
        await using var session = new LspSession();
        await session.InitializeAsync();

        await session.OpenAsync(uri, "project_name: x\n", languageId: languageId);

        Assert.Contains("LSG006", LspSession.Codes(await session.DiagnosticsAsync(uri, 1)));
    }

    [Fact]
    public async Task Closing_a_spec_clears_its_diagnostics()
    {
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(Uri, Specs.InvalidType);
        await session.DiagnosticsAsync(Uri, 1);

        await session.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });

        await session.WaitForAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("uri").GetString() == Uri && p.GetProperty("diagnostics").GetArrayLength() == 0);
    }

    [Fact]
    public async Task Utf8_positions_count_bytes()
    {
        await using var session = new LspSession();
        var result = await session.InitializeAsync("""{"general":{"positionEncodings":["utf-8"]}}""");
        Assert.Equal("utf-8", result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());

        // "é" is 2 bytes in UTF-8 (1 UTF-16 unit); "😀" is 4 bytes (2 units). The bad type comes after them.
        var text = Specs.InvalidType.Replace("      - name: title\n        type: int", "      - {name: title, description: é😀, type: int}", StringComparison.Ordinal);
        await session.OpenAsync(Uri, text);

        var diagnostic = (await session.DiagnosticsAsync(Uri, 1)).GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "LSG012");
        var line = text.Split('\n')[8];
        var utf16Start = line.IndexOf("int}", StringComparison.Ordinal);
        var utf8Start = System.Text.Encoding.UTF8.GetByteCount(line[..utf16Start]);
        Assert.Equal(utf16Start + 3, utf8Start); // é: +1, 😀: +2 over UTF-16
        Assert.Equal($$$"""{"start":{"line":8,"character":{{{utf8Start}}}},"end":{"line":8,"character":{{{utf8Start + 3}}}}}""", diagnostic.GetProperty("range").GetRawText());

        // Edits arrive in UTF-8 columns too: "int" → "integer".
        await session.ChangeAsync(Uri, 2, LspSession.Replace(8, utf8Start + 3, 8, utf8Start + 3, "eger"));
        Assert.DoesNotContain("LSG012", LspSession.Codes(await session.DiagnosticsAsync(Uri, 2)));
    }
}
