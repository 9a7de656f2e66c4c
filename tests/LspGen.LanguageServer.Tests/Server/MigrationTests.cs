using System.Text.Json;

namespace LspGen.LanguageServer.Tests.Server;

/// <summary>
/// The migration features over the protocol: a project generated next to the spec (so its folder has a
/// schema snapshot), then the spec edited in the editor.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    readonly string workspace = Directory.CreateTempSubdirectory("lspgen-lsp-migrate-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    string SpecUri => new Uri(Path.Combine(workspace, "todo.spec.yaml")).AbsoluteUri;

    string SnapshotPath => Path.Combine(workspace, "todo_app", ".lspgen-schema.json");

    static object Execute(string command, params object?[] arguments) => new { command, arguments };

    /// <summary>Opens <see cref="Specs.Valid"/>, generates it into todo_app/ and waits for the diagnostics published after that.</summary>
    async Task<LspSession> GeneratedAsync()
    {
        File.WriteAllText(Path.Combine(workspace, "todo.spec.yaml"), Specs.Valid);
        var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(SpecUri, Specs.Valid);
        await session.DiagnosticsAsync(SpecUri, 1);
        await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri));
        Assert.True(File.Exists(SnapshotPath));
        return session;
    }

    // Specs.Valid without the field 'title' of Project (lines 8–9).
    static readonly string WithoutTitle = Specs.Valid.Replace("      - name: title\n        type: string\n", "", StringComparison.Ordinal);

    [Fact]
    public async Task A_removed_field_is_a_warning_on_its_entity_with_a_lens_and_the_preview_lists_it()
    {
        await using var session = await GeneratedAsync();
        Assert.DoesNotContain("LSG03", string.Join(",", LspSession.Codes(await session.DiagnosticsAsync(SpecUri, 1))));

        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(WithoutTitle));
        var published = await session.DiagnosticsAsync(SpecUri, 2);
        var drop = Assert.Single(published.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "LSG031");
        Assert.Equal(2, drop.GetProperty("severity").GetInt32());
        Assert.Equal(3, drop.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Contains("projects.title", drop.GetProperty("message").GetString());

        var lenses = await session.ResultAsync("textDocument/codeLens", new { textDocument = new { uri = SpecUri } });
        var titles = lenses.EnumerateArray().Select(l => l.GetProperty("command").GetProperty("title").GetString()).ToList();
        Assert.Equal(["Generate backend", "Pending migration: 1 change"], titles.Take(2));

        var preview = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.preview", SpecUri));
        var line = Assert.Single(preview.GetProperty("migration").EnumerateArray());
        Assert.Contains("projects.title", line.GetString());
    }

    [Fact]
    public async Task Renaming_a_generated_field_adds_renamed_from()
    {
        await using var session = await GeneratedAsync();

        var edit = await session.ResultAsync("textDocument/rename", new
        {
            textDocument = new { uri = SpecUri },
            position = new { line = 8, character = 16 },
            newName = "name",
        });

        var texts = edit.GetProperty("changes").GetProperty(SpecUri).EnumerateArray().Select(e => e.GetProperty("newText").GetString()).ToList();
        Assert.Contains("name", texts);
        Assert.Contains(texts, t => t!.Contains("renamed_from: title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rename_candidate_offers_treat_as_a_rename()
    {
        await using var session = await GeneratedAsync();
        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(Specs.Valid.Replace("name: title", "name: label", StringComparison.Ordinal)));
        var published = await session.DiagnosticsAsync(SpecUri, 2);
        var hint = Assert.Single(published.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "LSG033");

        var actions = await session.ResultAsync("textDocument/codeAction", new Dictionary<string, object>
        {
            ["textDocument"] = new { uri = SpecUri },
            ["range"] = JsonSerializer.Deserialize<object>(hint.GetProperty("range").GetRawText())!,
            ["context"] = new { diagnostics = new[] { JsonSerializer.Deserialize<object>(hint.GetRawText()) } },
        });

        var action = Assert.Single(actions.EnumerateArray(), a => a.GetProperty("title").GetString() == "Treat as a rename of 'title'");
        var change = Assert.Single(action.GetProperty("edit").GetProperty("changes").GetProperty(SpecUri).EnumerateArray());
        Assert.Equal("        renamed_from: title\n", change.GetProperty("newText").GetString());
    }

    [Fact]
    public async Task A_broken_snapshot_means_no_migration_diagnostics_and_one_warning()
    {
        await using var session = await GeneratedAsync();
        File.WriteAllText(SnapshotPath, "{ not json");

        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(WithoutTitle));
        Assert.DoesNotContain("LSG031", LspSession.Codes(await session.DiagnosticsAsync(SpecUri, 2)));
        await session.ChangeAsync(SpecUri, 3, LspSession.Whole(Specs.Valid));
        await session.DiagnosticsAsync(SpecUri, 3);

        Assert.Single(session.Log.Lines, l => l.Contains("Ignoring the schema snapshot", StringComparison.Ordinal));
        var lenses = await session.ResultAsync("textDocument/codeLens", new { textDocument = new { uri = SpecUri } });
        Assert.DoesNotContain(lenses.EnumerateArray(), l => l.GetProperty("command").GetProperty("title").GetString()!.StartsWith("Pending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_snapshot_file_republishes_the_diagnostics_of_the_same_version()
    {
        await using var session = await GeneratedAsync();
        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(WithoutTitle));
        Assert.Contains("LSG031", LspSession.Codes(await session.DiagnosticsAsync(SpecUri, 2)));

        File.Delete(SnapshotPath);
        await session.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = new Uri(SnapshotPath).AbsoluteUri, type = 3 } } });

        await session.WaitForAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == SpecUri
            && p.GetProperty("version").GetInt32() == 2 && !LspSession.Codes(p).Contains("LSG031"));
    }

    [Fact]
    public async Task Without_a_snapshot_there_are_no_migration_diagnostics()
    {
        File.WriteAllText(Path.Combine(workspace, "todo.spec.yaml"), WithoutTitle);
        await using var session = new LspSession();
        await session.InitializeAsync();
        await session.OpenAsync(SpecUri, WithoutTitle);
        Assert.Empty(LspSession.Codes(await session.DiagnosticsAsync(SpecUri, 1)));
    }
}
