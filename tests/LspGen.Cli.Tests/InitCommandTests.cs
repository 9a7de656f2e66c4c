using LspGen.Spec;

namespace LspGen.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Writes_a_starter_spec_that_validates_cleanly_and_generates()
    {
        var run = _cli.Run("init", "task_tracker");

        run.AssertExit(0);
        var text = File.ReadAllText(_cli.PathOf("task_tracker/spec.yaml"));
        Assert.Contains("project_name: task_tracker", text);
        Assert.Contains("# ", text);
        Assert.Empty(SpecAnalyzer.Analyze(text).Diagnostics);
        _cli.Run("generate", "task_tracker/spec.yaml", "--out", "gen").AssertExit(0);
    }

    [Fact]
    public void Defaults_to_the_current_folder()
    {
        var run = _cli.Run("init");

        run.AssertExit(0);
        Assert.True(File.Exists(_cli.PathOf("spec.yaml")));
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_spec()
    {
        _cli.WriteFile("spec.yaml", "mine\n");
        var run = _cli.Run("init", ".");

        run.AssertExit(2);
        Assert.Contains("already exists", run.Error);
        Assert.Equal("mine\n", File.ReadAllText(_cli.PathOf("spec.yaml")));
    }

    [Theory]
    [InlineData("My Project", "my_project")]
    [InlineData("class", "my_app")]         // a Python keyword: the validator rejects it, the default stays
    [InlineData("123", "my_app")]
    public void Project_name_comes_from_the_folder_when_valid(string folder, string expected)
    {
        Assert.Contains($"project_name: {expected}\n", InitCommand.StarterSpec(folder));
    }
}
