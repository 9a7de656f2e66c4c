using System.Text.Json;

namespace LspGen.LanguageServer.Tests.Server;

// Round trips of every language feature through the protocol: positions in, wire results out. What the
// features decide is tested in LspGen.Ide's own tests; these check the translation and the wiring.
public class FeatureTests
{
    static readonly string Uri = LspSession.Uri("todo.spec.yaml");

    static async Task<LspSession> OpenAsync(string text, string capabilities = """{"textDocument":{"completion":{"completionItem":{"snippetSupport":true}}}}""")
    {
        var session = new LspSession();
        await session.InitializeAsync(capabilities);
        await session.OpenAsync(Uri, text);
        await session.DiagnosticsAsync(Uri, 1);
        return session;
    }

    static IEnumerable<string> Labels(JsonElement completion) =>
        completion.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()!);

    [Fact]
    public async Task Completion_after_type_offers_the_field_types_with_documentation_and_an_edit_of_the_value()
    {
        await using var session = await OpenAsync(Specs.InvalidType);

        var completion = await session.ResultAsync("textDocument/completion", LspSession.At(Uri, 9, 15));

        Assert.False(completion.GetProperty("isIncomplete").GetBoolean());
        var labels = Labels(completion).ToList();
        foreach (var type in new[] { "string", "integer", "float", "boolean", "datetime", "uuid", "text" }) Assert.Contains(type, labels);
        var integer = completion.GetProperty("items").EnumerateArray().First(i => i.GetProperty("label").GetString() == "integer");
        Assert.Equal("markdown", integer.GetProperty("documentation").GetProperty("kind").GetString());
        Assert.Equal(9, integer.GetProperty("textEdit").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Completion_works_while_the_yaml_is_broken()
    {
        await using var session = await OpenAsync(Specs.InvalidType);
        await session.ChangeAsync(Uri, 2, LspSession.Whole(Specs.InvalidType + "\n      - name: done\n        type: [\n        "));
        await session.DiagnosticsAsync(Uri, 2);

        var completion = await session.ResultAsync("textDocument/completion", LspSession.At(Uri, 12, 8));

        Assert.NotEmpty(Labels(completion));
    }

    [Fact]
    public async Task Snippets_become_plain_text_for_clients_without_snippet_support()
    {
        await using var session = await OpenAsync(Specs.Valid, capabilities: "{}");
        await session.ChangeAsync(Uri, 2, LspSession.Whole(Specs.Valid + "\n  - "));
        await session.DiagnosticsAsync(Uri, 2);

        var completion = await session.ResultAsync("textDocument/completion", LspSession.At(Uri, 18, 4));

        Assert.NotEmpty(Labels(completion));
        foreach (var item in completion.GetProperty("items").EnumerateArray())
        {
            Assert.Equal(1, item.GetProperty("insertTextFormat").GetInt32());
            var text = item.TryGetProperty("textEdit", out var edit) ? edit.GetProperty("newText").GetString()! : item.GetProperty("insertText").GetString()!;
            Assert.DoesNotContain("${", text);
        }
    }

    [Fact]
    public void Snippet_syntax_is_reduced_to_its_defaults()
    {
        Assert.Equal("name: title\n  type: string\n", LspGen.LanguageServer.Server.LanguageFeatures.SnippetToPlainText("name: ${1:title}\n  type: ${2|string,integer|}\n$0"));
        Assert.Equal("price: $5", LspGen.LanguageServer.Server.LanguageFeatures.SnippetToPlainText("price: \\$5$1"));
    }

    [Fact]
    public async Task Hover_on_a_referenced_entity_is_markdown_with_the_token_range()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var hover = await session.ResultAsync("textDocument/hover", LspSession.At(Uri, 17, 22));

        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        Assert.Contains("project", hover.GetProperty("contents").GetProperty("value").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(17, hover.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task The_quick_fix_for_an_invalid_type_replaces_it_with_the_best_type_and_is_preferred()
    {
        await using var session = await OpenAsync(Specs.InvalidType);
        var diagnostic = (await session.DiagnosticsAsync(Uri, 1)).GetProperty("diagnostics")[0];

        var actions = await session.ResultAsync("textDocument/codeAction", new Dictionary<string, object>
        {
            ["textDocument"] = new { uri = Uri },
            ["range"] = JsonSerializer.Deserialize<object>(diagnostic.GetProperty("range").GetRawText())!,
            ["context"] = new { diagnostics = new[] { JsonSerializer.Deserialize<object>(diagnostic.GetRawText()) } },
        });

        var first = actions[0];
        Assert.Equal("quickfix", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("isPreferred").GetBoolean());
        Assert.Equal("LSG012", first.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var edit = Assert.Single(first.GetProperty("edit").GetProperty("changes").GetProperty(Uri).EnumerateArray());
        Assert.Equal("integer", edit.GetProperty("newText").GetString());
        Assert.Equal(diagnostic.GetProperty("range").GetRawText(), edit.GetProperty("range").GetRawText());
        Assert.True(actions.GetArrayLength() > 1, "the other allowed types are offered too");

        // Applying the edit makes the diagnostic go away.
        await session.ChangeAsync(Uri, 2, LspSession.Replace(9, 14, 9, 17, "integer"));
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(Uri, 2)));
    }

    [Fact]
    public async Task Code_actions_of_other_kinds_than_quickfix_are_not_offered()
    {
        await using var session = await OpenAsync(Specs.InvalidType);

        var actions = await session.ResultAsync("textDocument/codeAction",
            """{"textDocument":{"uri":"file:///work/specs/todo.spec.yaml"},"range":{"start":{"line":9,"character":14},"end":{"line":9,"character":17}},"context":{"diagnostics":[],"only":["refactor"]}}""");

        Assert.Equal(0, actions.GetArrayLength());
    }

    [Fact]
    public async Task Definition_and_references_of_an_entity()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var definition = await session.ResultAsync("textDocument/definition", LspSession.At(Uri, 17, 22));
        var target = Assert.Single(definition.EnumerateArray());
        Assert.Equal(Uri, target.GetProperty("uri").GetString());
        Assert.Equal(3, target.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        var references = await session.ResultAsync("textDocument/references", new
        {
            textDocument = new { uri = Uri },
            position = new { line = 3, character = 12 },
            context = new { includeDeclaration = true },
        });
        Assert.Equal([3, 17], references.EnumerateArray().Select(r => r.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()).Order());
    }

    [Fact]
    public async Task Rename_of_an_entity_updates_every_reference_and_prepareRename_refuses_keys()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var prepared = await session.ResultAsync("textDocument/prepareRename", LspSession.At(Uri, 3, 12));
        Assert.Equal("Project", prepared.GetProperty("placeholder").GetString());

        var refused = await session.RequestAsync("textDocument/prepareRename", LspSession.At(Uri, 1, 2));
        Assert.Equal(-32803, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("error").GetProperty("message").GetString()));

        var edit = await session.ResultAsync("textDocument/rename", new
        {
            textDocument = new { uri = Uri },
            position = new { line = 3, character = 12 },
            newName = "Board",
        });
        var edits = edit.GetProperty("changes").GetProperty(Uri).EnumerateArray().ToList();
        Assert.Equal([3, 17], edits.Select(e => e.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()).Order());
        Assert.All(edits, e => Assert.Equal("Board", e.GetProperty("newText").GetString()));
    }

    [Fact]
    public async Task Document_symbols_are_entities_with_their_fields()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var symbols = await session.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = Uri } });

        var all = Flatten(symbols).ToList();
        var project = all.First(s => s.GetProperty("name").GetString() == "Project");
        Assert.Equal(5, project.GetProperty("kind").GetInt32()); // Class
        Assert.Contains(project.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString() == "title" && c.GetProperty("kind").GetInt32() == 8);
        Assert.Contains(all, s => s.GetProperty("name").GetString() == "Task");

        static IEnumerable<JsonElement> Flatten(JsonElement list) =>
            list.EnumerateArray().SelectMany(s => new[] { s }.Concat(s.TryGetProperty("children", out var c) ? Flatten(c) : []));
    }

    [Fact]
    public async Task Folding_ranges_cover_the_entities()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var ranges = await session.ResultAsync("textDocument/foldingRange", new { textDocument = new { uri = Uri } });

        Assert.Contains(ranges.EnumerateArray(), r => r.GetProperty("startLine").GetInt32() == 3 && r.GetProperty("endLine").GetInt32() >= 9);
    }

    [Fact]
    public async Task Code_lens_generate_backend_carries_the_spec_uri()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var lenses = await session.ResultAsync("textDocument/codeLens", new { textDocument = new { uri = Uri } });

        var generate = lenses.EnumerateArray().Single(l => l.GetProperty("command").GetProperty("command").GetString() == "lspgen.generate");
        Assert.Equal("Generate backend", generate.GetProperty("command").GetProperty("title").GetString());
        Assert.Equal(Uri, generate.GetProperty("command").GetProperty("arguments")[0].GetString());
        Assert.Contains(lenses.EnumerateArray(), l => l.GetProperty("command").GetProperty("title").GetString()!.Contains("2 entities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_for_documents_that_are_not_open_specs_get_empty_answers()
    {
        await using var session = await OpenAsync(Specs.Valid);
        var other = LspSession.Uri("other.yaml");
        await session.OpenAsync(other, "a: b\n");

        Assert.Empty(Labels(await session.ResultAsync("textDocument/completion", LspSession.At(other, 0, 3))));
        Assert.Equal(JsonValueKind.Null, (await session.ResultAsync("textDocument/hover", LspSession.At(LspSession.Uri("never-opened.spec.yaml"), 0, 0))).ValueKind);
        Assert.Equal(0, (await session.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = other } })).GetArrayLength());
    }
}
