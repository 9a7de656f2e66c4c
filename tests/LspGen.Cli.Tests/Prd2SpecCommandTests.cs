namespace LspGen.Cli.Tests;

/// <summary>PRD markdown through the CLI: generate/validate accept it, prd2spec converts it losslessly.</summary>
public sealed class Prd2SpecCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Prd = """
        # Project Tracker

        ## Entities
        - Project: name (string, required), due-date (timestamp)
        - Task: title (string, required), project (Project, required)

        ## User Stories
        - As a developer, I want to manage projects so that I can track my work.

        ## Integrations
        - Stripe (payments)
        """;

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LspGen.sln"))) dir = dir.Parent;
        foreach (var path in Directory.GetFiles(Path.Combine(dir!.FullName, "examples"), "*.prd.md").Order(StringComparer.Ordinal))
            data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Generating_from_prd2spec_output_is_byte_identical_to_generating_from_the_PRD(string example)
    {
        _cli.WriteFile("prd.md", File.ReadAllText(example));
        _cli.Run("generate", "prd.md", "--out", "from-prd").AssertExit(0);
        _cli.Run("prd2spec", "prd.md", "-o", "spec.yaml").AssertExit(0);
        _cli.Run("generate", "spec.yaml", "--out", "from-spec").AssertExit(0);

        var fromPrd = Files("from-prd");
        var fromSpec = Files("from-spec");
        Assert.Equal(fromPrd.Keys, fromSpec.Keys);
        foreach (var (path, bytes) in fromPrd) Assert.True(bytes.SequenceEqual(fromSpec[path]), path + " differs");
    }

    [Fact]
    public void Without_out_the_spec_goes_to_stdout()
    {
        _cli.WriteFile("tracker.prd.md", Prd);
        var run = _cli.Run("prd2spec", "tracker.prd.md").AssertExit(0);
        Assert.StartsWith("# LspGen spec (format 1.0) converted from tracker.prd.md by lspgen prd2spec.\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  - name: due_date\n        type: datetime\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning LSG104", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_file_is_kept_without_force()
    {
        _cli.WriteFile("prd.md", Prd);
        _cli.WriteFile("spec.yaml", "mine\n");
        var refused = _cli.Run("prd2spec", "prd.md", "-o", "spec.yaml").AssertExit(2);
        Assert.Contains("already exists; use --force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("mine\n", File.ReadAllText(_cli.PathOf("spec.yaml")));

        _cli.Run("prd2spec", "prd.md", "-o", "spec.yaml", "--force").AssertExit(0);
        Assert.StartsWith("# LspGen spec", File.ReadAllText(_cli.PathOf("spec.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_PRD_with_errors_is_not_converted()
    {
        _cli.WriteFile("prd.md", "# Demo\n\n## Entities\n- Task: title (required)\n");
        var run = _cli.Run("prd2spec", "prd.md", "-o", "spec.yaml").AssertExit(1);
        Assert.Contains("prd.md:4:9: error LSG102", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("spec.yaml")));
    }

    [Fact]
    public void Validate_and_generate_read_markdown_as_a_PRD()
    {
        _cli.WriteFile("prd.md", "# Demo\n\nNo entities here.\n");
        Assert.Contains("error LSG101", _cli.Run("validate", "prd.md").AssertExit(1).Error, StringComparison.Ordinal);
        _cli.WriteFile("ok.prd.md", Prd);
        _cli.Run("validate", "ok.prd.md").AssertExit(0);
        _cli.Run("generate", "ok.prd.md", "--out", "out").AssertExit(0);
        Assert.Contains("STRIPE_API_KEY", File.ReadAllText(_cli.PathOf("out/.env.example")), StringComparison.Ordinal);
    }

    private Dictionary<string, byte[]> Files(string folder)
    {
        var root = _cli.PathOf(folder);
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
    }
}
