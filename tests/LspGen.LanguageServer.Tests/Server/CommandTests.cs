using System.Text.Json;
using System.Text.Json.Nodes;

namespace LspGen.LanguageServer.Tests.Server;

public sealed class CommandTests : IDisposable
{
    readonly string workspace = Directory.CreateTempSubdirectory("lspgen-lsp-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    string SpecUri => new Uri(Path.Combine(workspace, "todo.spec.yaml")).AbsoluteUri;

    async Task<LspSession> OpenAsync(string text, string capabilities = """{"window":{"workDoneProgress":true}}""")
    {
        File.WriteAllText(Path.Combine(workspace, "todo.spec.yaml"), text);
        var session = new LspSession();
        await session.InitializeAsync(capabilities);
        await session.OpenAsync(SpecUri, text);
        await session.DiagnosticsAsync(SpecUri, 1);
        return session;
    }

    static object Execute(string command, params object?[] arguments) => new { command, arguments };

    [Fact]
    public async Task Generate_writes_the_project_next_to_the_spec_with_progress_and_a_message()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var result = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri));

        var folder = Path.Combine(workspace, "todo_app");
        Assert.Equal(folder, result.GetProperty("outputFolder").GetString());
        Assert.True(File.Exists(Path.Combine(folder, "app", "main.py")));
        Assert.True(File.Exists(Path.Combine(folder, "app", "models.py")) || Directory.Exists(Path.Combine(folder, "app", "models")));
        var written = result.GetProperty("written").GetInt32();
        Assert.True(written > 10, $"written: {written}");
        Assert.Equal(0, result.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, result.GetProperty("conflicts").GetArrayLength());

        Assert.Contains(session.ServerRequests, r => r.Method == "window/workDoneProgress/create");
        var kinds = session.Notifications("$/progress").Select(n => n.GetProperty("params").GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Equal("begin", kinds[0]);
        Assert.Contains("report", kinds);
        Assert.Equal("end", kinds[^1]);
        var message = await session.WaitForAsync("window/showMessage", _ => true);
        Assert.Equal(3, message.GetProperty("type").GetInt32());
        Assert.Contains($"Generated {written} files", message.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Regenerating_after_a_user_edit_keeps_the_edit_and_reports_the_conflict()
    {
        await using var session = await OpenAsync(Specs.Valid);
        var output = Path.Combine(workspace, "out");
        await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri, output));
        var main = Path.Combine(output, "app", "main.py");
        File.AppendAllText(main, "\n# my edit\n");

        var second = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri, output));

        Assert.Equal(["app/main.py"], second.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, second.GetProperty("written").GetInt32());
        Assert.True(second.GetProperty("unchanged").GetInt32() > 10);
        Assert.EndsWith("# my edit\n", File.ReadAllText(main));
        var warning = await session.WaitForAsync("window/showMessage", m => m.GetProperty("type").GetInt32() == 2);
        Assert.Contains("app/main.py", warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Generate_refuses_a_spec_with_errors_and_says_why()
    {
        await using var session = await OpenAsync(Specs.InvalidType);

        var response = await session.RequestAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri));

        var error = response.GetProperty("error");
        Assert.Equal(-32803, error.GetProperty("code").GetInt32());
        Assert.Contains("LSG012", error.GetProperty("message").GetString());
        Assert.Contains("line 10", error.GetProperty("message").GetString());
        var shown = await session.WaitForAsync("window/showMessage", m => m.GetProperty("type").GetInt32() == 1);
        Assert.Contains("did not generate", shown.GetProperty("message").GetString());
        Assert.False(Directory.Exists(Path.Combine(workspace, "todo_app")));
        Assert.Equal("end", session.Notifications("$/progress").Last().GetProperty("params").GetProperty("value").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Generate_uses_the_editor_text_not_the_file_on_disk()
    {
        await using var session = await OpenAsync(Specs.InvalidType);
        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(Specs.Valid));
        await session.DiagnosticsAsync(SpecUri, 2);

        var result = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri));

        Assert.True(result.GetProperty("written").GetInt32() > 0);
    }

    [Fact]
    public async Task Regenerating_after_a_schema_change_appends_a_revision_and_keeps_the_first()
    {
        await using var session = await OpenAsync(Specs.Valid);
        var output = Path.Combine(workspace, "out");
        await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri, output));
        var initial = File.ReadAllText(Path.Combine(output, "alembic", "versions", "0001_initial.py"));
        await session.ChangeAsync(SpecUri, 2, LspSession.Whole(Specs.Valid.Replace("      - name: title\n", "      - name: headline\n        renamed_from: title\n", StringComparison.Ordinal)));
        await session.DiagnosticsAsync(SpecUri, 2);

        var second = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri, output));

        Assert.Equal(0, second.GetProperty("conflicts").GetArrayLength());
        Assert.Equal(initial, File.ReadAllText(Path.Combine(output, "alembic", "versions", "0001_initial.py")));
        var revision = File.ReadAllText(Path.Combine(output, "alembic", "versions", "0002_rename_projects_title.py"));
        Assert.Contains("op.alter_column(\"projects\", \"title\", new_column_name=\"headline\")", revision);
        Assert.Contains("\"head\": \"0002\"", File.ReadAllText(Path.Combine(output, ".lspgen-schema.json")));
    }

    [Fact]
    public async Task Preview_lists_the_files_and_their_owners_without_writing()
    {
        await using var session = await OpenAsync(Specs.Valid);

        var preview = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.preview", SpecUri));

        var files = preview.GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "app/main.py" && f.GetProperty("owner").GetString() == "generator");
        Assert.All(files, f => Assert.Contains(f.GetProperty("owner").GetString(), new[] { "generator", "user", "history" }));
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "alembic/versions/0001_initial.py" && f.GetProperty("owner").GetString() == "history");
        Assert.Equal(Path.Combine(workspace, "todo_app"), preview.GetProperty("outputFolder").GetString());
        Assert.False(Directory.Exists(Path.Combine(workspace, "todo_app")));
    }

    [Fact]
    public async Task The_output_directory_setting_applies_when_the_command_names_no_folder()
    {
        await using var session = await OpenAsync(Specs.Valid, """{"workspace":{"configuration":true}}""");
        session.Settings = JsonNode.Parse("""{"outputDirectory":"backend"}""");
        await session.NotifyAsync("workspace/didChangeConfiguration", """{"settings":null}""");
        await session.DiagnosticsAsync(SpecUri, 1);
        // The pulled settings arrive asynchronously; preview shows when they are in effect.
        var deadline = DateTime.UtcNow + LspSession.Timeout;
        string? folder;
        do
        {
            folder = (await session.ResultAsync("workspace/executeCommand", Execute("lspgen.preview", SpecUri))).GetProperty("outputFolder").GetString();
        } while (folder != Path.Combine(workspace, "backend") && DateTime.UtcNow < deadline && await Task.Delay(20).ContinueWith(_ => true));

        var result = await session.ResultAsync("workspace/executeCommand", Execute("lspgen.generate", SpecUri));

        Assert.Equal(Path.Combine(workspace, "backend"), result.GetProperty("outputFolder").GetString());
        Assert.True(File.Exists(Path.Combine(workspace, "backend", "app", "main.py")));
    }

    [Fact]
    public async Task An_older_settings_answer_that_arrives_last_does_not_overwrite_a_newer_one()
    {
        // The pull at "initialized" is answered only after the pull that follows a
        // didChangeConfiguration: the newer answer ("backend") must win, whichever answer the server
        // happens to process first. The order of that processing is up to the thread pool, so the
        // scenario runs several times.
        File.WriteAllText(Path.Combine(workspace, "todo.spec.yaml"), Specs.Valid);
        var expected = Path.Combine(workspace, "backend");
        for (var round = 0; round < 8; round++)
        {
            var newerSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var olderSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var session = new LspSession();
            session.ConfigurationAnswer = async n =>
            {
                if (n > 0) return JsonNode.Parse("""{"outputDirectory":"backend"}""");
                await newerSent.Task;
                return null;
            };
            session.ConfigurationAnswered = n => (n == 0 ? olderSent : newerSent).TrySetResult();
            await session.InitializeAsync("""{"workspace":{"configuration":true}}""");
            await session.OpenAsync(SpecUri, Specs.Valid);
            await session.NotifyAsync("workspace/didChangeConfiguration", """{"settings":null}""");
            await olderSent.Task.WaitAsync(LspSession.Timeout);

            // Once the newer answer is in effect, it stays: each of the following previews shows it.
            var deadline = DateTime.UtcNow + LspSession.Timeout;
            string? folder;
            do folder = await PreviewFolderAsync(session);
            while (folder != expected && DateTime.UtcNow < deadline && await Task.Delay(20).ContinueWith(_ => true));
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(expected, folder);
                await Task.Delay(10);
                folder = await PreviewFolderAsync(session);
            }
            Assert.Equal(expected, folder);
        }
    }

    async Task<string?> PreviewFolderAsync(LspSession session) =>
        (await session.ResultAsync("workspace/executeCommand", Execute("lspgen.preview", SpecUri))).GetProperty("outputFolder").GetString();

    [Theory]
    [InlineData("""{"command":"lspgen.generate","arguments":[]}""", -32602)]
    [InlineData("""{"command":"lspgen.generate","arguments":[42]}""", -32602)]
    [InlineData("""{"command":"lspgen.generate","arguments":["file:///nowhere/x.spec.yaml"]}""", -32602)]
    [InlineData("""{"command":"lspgen.explode","arguments":[]}""", -32602)]
    public async Task Bad_command_calls_get_clear_errors(string parameters, int code)
    {
        await using var session = await OpenAsync(Specs.Valid);

        var response = await session.RequestAsync("workspace/executeCommand", parameters);

        Assert.Equal(code, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(response.GetProperty("error").GetProperty("message").GetString()));
    }
}
