using System.IO.Compression;
using System.Text.Json;

namespace LspGen.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliOutcome Generate(params string[] extra) => _cli.Run(["generate", "spec.yaml", .. extra]);

    [Fact]
    public void Generates_the_project_into_the_out_folder_with_a_manifest()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        var run = Generate("--out", "out");

        run.AssertExit(0);
        Assert.True(File.Exists(_cli.PathOf("out/app/main.py")));
        Assert.True(File.Exists(_cli.PathOf("out/openapi.yaml")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("out/.lspgen-manifest.json")));
        Assert.Contains(manifest.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "app/main.py");
        Assert.Matches(@"^out: \d+ written, 0 unchanged\n$", run.Out);
    }

    [Fact]
    public void Default_out_folder_is_the_project_name()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        var run = Generate();

        run.AssertExit(0);
        Assert.True(File.Exists(_cli.PathOf("shop/app/main.py")));
    }

    [Fact]
    public void Spec_with_errors_exits_1_and_writes_nothing()
    {
        _cli.WriteFile("spec.yaml", Specs.WithTypeError);
        var run = Generate("--out", "out");

        run.AssertExit(1);
        Assert.Contains("spec.yaml:9:", run.Error);
        Assert.Contains("nothing was written", run.Error);
        Assert.False(Directory.Exists(_cli.PathOf("out")));
    }

    [Fact]
    public void Warnings_are_printed_and_generation_goes_on()
    {
        _cli.WriteFile("spec.yaml", Specs.WithWarning);
        var run = Generate("--out", "out");

        run.AssertExit(0);
        Assert.Contains("warning LSG013", run.Error);
        Assert.True(File.Exists(_cli.PathOf("out/app/models.py")));
    }

    [Fact]
    public void Regenerating_an_unchanged_spec_changes_nothing()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        Generate("--out", "out");
        var run = Generate("--out", "out");

        run.AssertExit(0);
        Assert.Matches(@"^out: 0 written, \d+ unchanged", run.Out);
    }

    [Fact]
    public void Edited_file_is_a_conflict_exit_3_and_kept_until_force()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        Generate("--out", "out");
        File.AppendAllText(_cli.PathOf("out/app/main.py"), "# my edit\n");

        var run = Generate("--out", "out");

        run.AssertExit(3);
        Assert.Contains("out/app/main.py: conflict:", run.Error);
        Assert.Contains("--force", run.Error);
        Assert.EndsWith("# my edit\n", File.ReadAllText(_cli.PathOf("out/app/main.py")));

        var forced = Generate("--out", "out", "--force");

        forced.AssertExit(0);
        Assert.DoesNotContain("# my edit", File.ReadAllText(_cli.PathOf("out/app/main.py")));
    }

    [Fact]
    public void Files_of_a_removed_entity_are_removed()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        Generate("--out", "out");
        var routers = Directory.GetFiles(_cli.PathOf("out/app/routers")).Select(Path.GetFileName).ToList();
        Assert.Contains("product.py", routers);

        var withoutProduct = Specs.Valid[..Specs.Valid.IndexOf("  - name: Product", StringComparison.Ordinal)];
        _cli.WriteFile("spec.yaml", withoutProduct);
        var run = Generate("--out", "out");

        run.AssertExit(0);
        Assert.False(File.Exists(_cli.PathOf("out/app/routers/product.py")));
        Assert.Contains("out/app/routers/product.py: removed", run.Out);
    }

    [Fact]
    public void Symlinked_subfolder_leading_outside_is_refused_with_exit_2()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        Directory.CreateDirectory(_cli.PathOf("elsewhere"));
        Directory.CreateDirectory(_cli.PathOf("out"));
        Directory.CreateSymbolicLink(_cli.PathOf("out/app"), _cli.PathOf("elsewhere"));

        var run = Generate("--out", "out");

        run.AssertExit(2);
        Assert.StartsWith("lspgen: error: unsafe output path", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cli.PathOf("elsewhere")));
        Assert.False(File.Exists(_cli.PathOf("out/README.md")));
    }

    [Fact]
    public void Out_pointing_at_a_file_exits_2()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        _cli.WriteFile("taken", "x");

        Generate("--out", "taken").AssertExit(2);
    }

    [Fact]
    public void Zip_to_a_file_is_deterministic_and_holds_the_project_folder()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        Generate("--zip", "a.zip").AssertExit(0);
        Generate("--zip", "b.zip").AssertExit(0);

        Assert.Equal(File.ReadAllBytes(_cli.PathOf("a.zip")), File.ReadAllBytes(_cli.PathOf("b.zip")));
        using var zip = ZipFile.OpenRead(_cli.PathOf("a.zip"));
        Assert.Contains(zip.Entries, e => e.FullName == "shop/app/main.py");
        Assert.False(Directory.Exists(_cli.PathOf("shop")));
    }

    [Fact]
    public void Zip_to_stdout_writes_only_the_archive_there()
    {
        _cli.WriteFile("spec.yaml", Specs.WithWarning);
        var run = Generate("--zip", "-");

        run.AssertExit(0);
        Assert.Equal("", run.Out);
        Assert.Contains("warning LSG013", run.Error);
        using var zip = new ZipArchive(new MemoryStream(run.StdoutBytes));
        Assert.Contains(zip.Entries, e => e.FullName == "shop/app/main.py");
    }

    [Fact]
    public void Zip_into_a_missing_folder_exits_2()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);

        var run = Generate("--zip", "no/such/dir/a.zip");

        run.AssertExit(2);
        Assert.Contains("does not exist", run.Error);
    }

    [Fact]
    public void Missing_spec_exits_2()
    {
        var run = Generate("--out", "out");

        run.AssertExit(2);
        Assert.Contains("no such file", run.Error);
    }
}
