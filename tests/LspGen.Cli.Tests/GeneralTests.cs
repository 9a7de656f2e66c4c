namespace LspGen.Cli.Tests;

public sealed class GeneralTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Help_lists_every_command_and_exits_0()
    {
        var run = _cli.Run("--help");

        run.AssertExit(0);
        Assert.Contains("generate", run.Out);
        Assert.Contains("validate", run.Out);
        Assert.Contains("init", run.Out);
    }

    [Fact]
    public void Subcommand_help_describes_its_options()
    {
        var run = _cli.Run("generate", "--help");

        run.AssertExit(0);
        Assert.Contains("--out", run.Out);
        Assert.Contains("--force", run.Out);
        Assert.Contains("--zip", run.Out);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = _cli.Run("--version");

        run.AssertExit(0);
        Assert.Equal("0.1.0", run.Out.Trim());
    }

    [Fact]
    public void Version_is_one_line_of_the_package_version_without_a_commit_hash()
    {
        // The native binary, the JIT build and the .NET tool print this same line (tests/aot, tests/tool).
        var run = _cli.Run("--version");

        run.AssertExit(0);
        Assert.Equal(Commands.Version + "\n", run.Out);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Commands.Version);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("generate")]
    [InlineData("validate", "a.yaml", "--format", "xml")]
    [InlineData("generate", "a.yaml", "--unknown")]
    public void Usage_errors_exit_2_with_a_hint(params string[] args)
    {
        var run = _cli.Run(args);

        run.AssertExit(2);
        Assert.Contains("lspgen: error:", run.Error);
        Assert.Contains("lspgen --help", run.Error);
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        var run = _cli.Run();

        run.AssertExit(2);
    }
}
