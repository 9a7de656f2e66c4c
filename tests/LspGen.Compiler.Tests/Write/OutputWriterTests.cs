using LspGen.Compiler.Write;

namespace LspGen.Compiler.Tests.Write;

public sealed class OutputWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private string Out => _temp.PathOf("out");

    public void Dispose() => _temp.Dispose();

    private static GeneratedFile Gen(string path, string content) => new(path, content, FileOwner.Generator);
    private static GeneratedFile Usr(string path, string content) => new(path, content, FileOwner.User);

    private WriteReport Write(params GeneratedFile[] files) => OutputWriter.Write(Out, files, new WriteOptions());
    private WriteReport WriteForced(params GeneratedFile[] files) => OutputWriter.Write(Out, files, new WriteOptions(Force: true));
    private string Read(string relative) => File.ReadAllText(Path.Combine(Out, relative));
    private void Edit(string relative, string content) => File.WriteAllText(Path.Combine(Out, relative), content);

    [Fact]
    public void First_generation_writes_every_file_and_a_manifest()
    {
        var report = Write(Gen("app/main.py", "print('hi')\n"), Gen("README.md", "# x\n"));

        Assert.Equal(["README.md", "app/main.py"], report.Written);
        Assert.Equal("print('hi')\n", Read("app/main.py"));
        var manifest = Manifest.Parse(Read(".lspgen-manifest.json"), "m");
        Assert.Equal(["README.md", "app/main.py"], manifest.Entries.Keys);
        Assert.Equal(Manifest.Sha256Of("# x\n"u8.ToArray()), manifest.Entries["README.md"].Sha256);
        Assert.False(report.HasConflicts);
    }

    [Fact]
    public void Manifest_text_is_sorted_and_stable()
    {
        Write(Gen("b.py", "b\n"), Gen("a.py", "a\n"), Usr("hooks.py", "h\n"));
        var text = Read(".lspgen-manifest.json");

        Assert.Equal(
            "{\n  \"generator\": \"lspgen\",\n  \"version\": 1,\n  \"files\": [\n" +
            $"    {{\n      \"path\": \"a.py\",\n      \"sha256\": \"{Manifest.Sha256Of("a\n"u8.ToArray())}\",\n      \"owner\": \"generator\"\n    }},\n" +
            $"    {{\n      \"path\": \"b.py\",\n      \"sha256\": \"{Manifest.Sha256Of("b\n"u8.ToArray())}\",\n      \"owner\": \"generator\"\n    }},\n" +
            $"    {{\n      \"path\": \"hooks.py\",\n      \"sha256\": \"{Manifest.Sha256Of("h\n"u8.ToArray())}\",\n      \"owner\": \"user\"\n    }}\n" +
            "  ]\n}\n", text);
    }

    [Fact]
    public void A_migration_revision_is_history_never_rewritten_and_never_removed_even_with_force()
    {
        Write(Gen("app/main.py", "v1\n"), new GeneratedFile("alembic/versions/0001_initial.py", "first\n", FileOwner.History));
        // The next run renders 0001 differently (the spec changed) and adds 0002.
        var report = WriteForced(Gen("app/main.py", "v2\n"), new GeneratedFile("alembic/versions/0001_initial.py", "other\n", FileOwner.History),
            new GeneratedFile("alembic/versions/0002_x.py", "second\n", FileOwner.History));
        Assert.Equal("first\n", Read("alembic/versions/0001_initial.py"));
        Assert.Equal(["alembic/versions/0002_x.py", "app/main.py"], report.Written);
        // A run that no longer renders them keeps both, and the manifest still records them as history.
        report = WriteForced(Gen("app/main.py", "v3\n"));
        Assert.Empty(report.Removed);
        Assert.Equal("second\n", Read("alembic/versions/0002_x.py"));
        var manifest = Manifest.Parse(Read(".lspgen-manifest.json"), "m");
        Assert.Equal(FileOwner.History, manifest.Entries["alembic/versions/0001_initial.py"].Owner);
        Assert.Equal(Manifest.Sha256Of("first\n"u8.ToArray()), manifest.Entries["alembic/versions/0001_initial.py"].Sha256);
        Assert.Contains("\"owner\": \"history\"", Read(".lspgen-manifest.json"));
    }

    [Fact]
    public void Regenerating_the_same_files_reports_them_unchanged_and_keeps_bytes()
    {
        Write(Gen("a.py", "a\n"));
        var before = File.GetLastWriteTimeUtc(Path.Combine(Out, "a.py"));
        var report = Write(Gen("a.py", "a\n"));

        Assert.Equal(["a.py"], report.Unchanged);
        Assert.Empty(report.Written);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(Out, "a.py")));
    }

    [Fact]
    public void Unedited_generator_file_is_overwritten_with_new_content()
    {
        Write(Gen("a.py", "old\n"));
        var report = Write(Gen("a.py", "new\n"));

        Assert.Equal(["a.py"], report.Written);
        Assert.Equal("new\n", Read("a.py"));
    }

    [Fact]
    public void Edited_generator_file_is_a_conflict_and_kept()
    {
        Write(Gen("a.py", "old\n"));
        Edit("a.py", "mine\n");
        var report = Write(Gen("a.py", "new\n"), Gen("b.py", "b\n"));

        Assert.Equal(["a.py"], report.ConflictsKept);
        Assert.True(report.HasConflicts);
        Assert.Equal("mine\n", Read("a.py"));
        Assert.Equal("b\n", Read("b.py"));
        // still a conflict on the next run: the manifest keeps what the generator last wrote
        Assert.Equal(["a.py"], Write(Gen("a.py", "new\n"), Gen("b.py", "b\n")).ConflictsKept);
    }

    [Fact]
    public void Force_overwrites_an_edited_file()
    {
        Write(Gen("a.py", "old\n"));
        Edit("a.py", "mine\n");
        var report = WriteForced(Gen("a.py", "new\n"));

        Assert.Equal(["a.py"], report.Written);
        Assert.Empty(report.ConflictsKept);
        Assert.Equal("new\n", Read("a.py"));
        Assert.Equal(["a.py"], Write(Gen("a.py", "new\n")).Unchanged);
    }

    [Fact]
    public void File_created_by_the_user_before_the_first_generation_is_a_conflict()
    {
        Directory.CreateDirectory(Out);
        Edit("README.md", "my readme\n");
        var report = Write(Gen("README.md", "# generated\n"));

        Assert.Equal(["README.md"], report.ConflictsKept);
        Assert.Equal("my readme\n", Read("README.md"));
        Assert.DoesNotContain("README.md", Manifest.Parse(Read(".lspgen-manifest.json"), "m").Entries.Keys);
    }

    [Fact]
    public void File_of_a_removed_entity_is_removed_when_unedited()
    {
        Write(Gen("app/routers/project.py", "p\n"), Gen("app/routers/task.py", "t\n"));
        var report = Write(Gen("app/routers/project.py", "p\n"));

        Assert.Equal(["app/routers/task.py"], report.Removed);
        Assert.False(File.Exists(Path.Combine(Out, "app/routers/task.py")));
        Assert.DoesNotContain("app/routers/task.py", Manifest.Parse(Read(".lspgen-manifest.json"), "m").Entries.Keys);
    }

    [Fact]
    public void Folder_left_empty_by_a_removal_is_removed_too()
    {
        Write(Gen("a.py", "a\n"), Gen("gone/deep/x.py", "x\n"));
        Write(Gen("a.py", "a\n"));

        Assert.False(Directory.Exists(Path.Combine(Out, "gone")));
        Assert.True(Directory.Exists(Out));
    }

    [Fact]
    public void File_of_a_removed_entity_is_kept_and_reported_when_edited()
    {
        Write(Gen("app/routers/project.py", "p\n"), Gen("app/routers/task.py", "t\n"));
        Edit("app/routers/task.py", "my change\n");
        var report = Write(Gen("app/routers/project.py", "p\n"));

        Assert.Equal(["app/routers/task.py"], report.OrphansKept);
        Assert.Empty(report.Removed);
        Assert.True(report.HasConflicts);
        Assert.Equal("my change\n", Read("app/routers/task.py"));
    }

    [Fact]
    public void Force_removes_an_edited_file_of_a_removed_entity()
    {
        Write(Gen("a.py", "a\n"), Gen("task.py", "t\n"));
        Edit("task.py", "my change\n");
        var report = WriteForced(Gen("a.py", "a\n"));

        Assert.Equal(["task.py"], report.Removed);
        Assert.False(File.Exists(Path.Combine(Out, "task.py")));
    }

    [Fact]
    public void User_owned_file_is_written_once_then_never_touched()
    {
        Assert.Equal(["app/hooks/task.py"], Write(Usr("app/hooks/task.py", "# hooks v1\n")).Written);
        Edit("app/hooks/task.py", "# my hooks\n");
        var report = Write(Usr("app/hooks/task.py", "# hooks v2\n"));

        Assert.Equal(["app/hooks/task.py"], report.UserOwnedKept);
        Assert.False(report.HasConflicts);
        Assert.Equal("# my hooks\n", Read("app/hooks/task.py"));
    }

    [Fact]
    public void User_owned_file_deleted_by_the_user_is_written_again()
    {
        Write(Usr("hooks.py", "h\n"));
        File.Delete(Path.Combine(Out, "hooks.py"));

        Assert.Equal(["hooks.py"], Write(Usr("hooks.py", "h\n")).Written);
    }

    [Fact]
    public void Ignored_paths_are_never_written_nor_removed()
    {
        Directory.CreateDirectory(Out);
        Edit(".lspgenignore", "# leave my docs alone\nREADME.md\ndocker/\n**/custom_*.py\napp/c?nfig.py\n");
        Edit("README.md", "mine\n");
        var report = Write(Gen("README.md", "gen\n"), Gen("docker/Dockerfile", "FROM x\n"), Gen("app/deep/custom_a.py", "c\n"),
            Gen("app/config.py", "cfg\n"), Gen("app/main.py", "m\n"));

        Assert.Equal(["README.md", "app/config.py", "app/deep/custom_a.py", "docker/Dockerfile"], report.SkippedByIgnore);
        Assert.Equal(["app/main.py"], report.Written);
        Assert.Equal("mine\n", Read("README.md"));
        Assert.False(File.Exists(Path.Combine(Out, "docker/Dockerfile")));
    }

    [Fact]
    public void Ignored_file_of_a_removed_entity_is_not_removed()
    {
        Write(Gen("a.py", "a\n"), Gen("task.py", "t\n"));
        Edit(".lspgenignore", "task.py\n");
        var report = Write(Gen("a.py", "a\n"));

        Assert.Equal(["task.py"], report.SkippedByIgnore);
        Assert.True(File.Exists(Path.Combine(Out, "task.py")));
    }

    [Theory]
    [InlineData("../escape.py")]
    [InlineData("app/../../escape.py")]
    [InlineData("/tmp/escape.py")]
    [InlineData("C:/escape.py")]
    [InlineData("c:escape.py")]
    [InlineData("app\\..\\escape.py")]
    [InlineData("app/\0.py")]
    [InlineData("app//x.py")]
    [InlineData("./x.py")]
    [InlineData("")]
    [InlineData(".lspgen-manifest.json")]
    public void Unsafe_path_is_an_error_and_nothing_is_written(string path)
    {
        var error = Assert.Throws<OutputWriteException>(() => Write(Gen("ok.py", "ok\n"), Gen(path, "x\n")));

        Assert.Contains("unsafe output path", error.Message);
        Assert.False(Directory.Exists(Out));
        Assert.False(File.Exists(_temp.PathOf("escape.py")));
    }

    [Fact]
    public void Symlinked_subfolder_pointing_outside_is_an_error_and_nothing_is_written()
    {
        var outside = _temp.PathOf("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Out);
        Directory.CreateSymbolicLink(Path.Combine(Out, "app"), outside);

        var error = Assert.Throws<OutputWriteException>(() => Write(Gen("README.md", "r\n"), Gen("app/main.py", "x\n")));

        Assert.Contains("outside the output folder", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.False(File.Exists(Path.Combine(Out, "README.md")));
    }

    [Fact]
    public void Relative_symlink_chain_pointing_outside_is_caught()
    {
        var outside = _temp.PathOf("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Path.Combine(Out, "app"));
        Directory.CreateSymbolicLink(Path.Combine(Out, "app", "hop"), "../..");
        Directory.CreateSymbolicLink(Path.Combine(Out, "routers"), "app/hop/outside");

        Assert.Throws<OutputWriteException>(() => Write(Gen("routers/x.py", "x\n")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public void Symlinked_file_pointing_outside_is_an_error()
    {
        var victim = _temp.PathOf("victim.txt");
        File.WriteAllText(victim, "precious\n");
        Directory.CreateDirectory(Out);
        File.CreateSymbolicLink(Path.Combine(Out, "README.md"), victim);

        Assert.Throws<OutputWriteException>(() => Write(Gen("README.md", "r\n")));
        Assert.Equal("precious\n", File.ReadAllText(victim));
    }

    [Fact]
    public void Symlinked_subfolder_inside_the_output_folder_is_allowed()
    {
        Directory.CreateDirectory(Path.Combine(Out, "real"));
        Directory.CreateSymbolicLink(Path.Combine(Out, "app"), "real");

        Write(Gen("app/main.py", "m\n"));

        Assert.Equal("m\n", Read("real/main.py"));
    }

    [Fact]
    public void Output_folder_reached_through_a_symlink_is_fine()
    {
        Directory.CreateDirectory(_temp.PathOf("target"));
        Directory.CreateSymbolicLink(Out, _temp.PathOf("target"));

        Write(Gen("a.py", "a\n"));

        Assert.Equal("a\n", File.ReadAllText(_temp.PathOf("target/a.py")));
    }

    [Fact]
    public void Manifest_entry_pointing_outside_is_an_error_and_nothing_is_deleted()
    {
        var victim = _temp.PathOf("victim.txt");
        File.WriteAllText(victim, "v\n");
        Directory.CreateDirectory(Out);
        var evil = new Manifest([new ManifestEntry("../victim.txt", Manifest.Sha256Of("v\n"u8.ToArray()), FileOwner.Generator)]);
        Edit(".lspgen-manifest.json", evil.ToJson());

        Assert.Throws<OutputWriteException>(() => Write(Gen("a.py", "a\n")));
        Assert.True(File.Exists(victim));
        Assert.False(File.Exists(Path.Combine(Out, "a.py")));
    }

    [Fact]
    public void Damaged_manifest_is_a_clear_error()
    {
        Directory.CreateDirectory(Out);
        Edit(".lspgen-manifest.json", "{ not json");

        var error = Assert.Throws<OutputWriteException>(() => Write(Gen("a.py", "a\n")));

        Assert.Contains(".lspgen-manifest.json", error.Message);
        Assert.Contains("delete it", error.Message);
    }

    [Fact]
    public void Content_is_written_byte_for_byte_with_lf_endings_and_no_bom()
    {
        Write(Gen("a.py", "é\nline2\n"));

        Assert.Equal("é\nline2\n"u8.ToArray(), File.ReadAllBytes(Path.Combine(Out, "a.py")));
    }

    [Fact]
    public void No_temporary_files_are_left_behind()
    {
        Write(Gen("a/b.py", "b\n"), Gen("c.py", "c\n"));
        Write(Gen("a/b.py", "b2\n"), Gen("c.py", "c2\n"));

        var names = Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.DoesNotContain(names, n => n!.Contains("lspgen-tmp"));
    }

    [Fact]
    public void Output_path_that_is_a_file_is_an_error()
    {
        File.WriteAllText(Out, "x");

        Assert.Throws<OutputWriteException>(() => Write(Gen("a.py", "a\n")));
    }
}
