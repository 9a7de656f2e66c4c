using System.Text.Json;

namespace LspGen.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Valid_spec_exits_0_with_a_summary()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        var run = _cli.Run("validate", "spec.yaml");

        run.AssertExit(0);
        Assert.Equal("spec.yaml: 0 errors, 0 warnings\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Errors_are_printed_like_a_compiler_with_1_based_positions_and_exit_1()
    {
        _cli.WriteFile("spec.yaml", Specs.WithTypeError);
        var run = _cli.Run("validate", "spec.yaml");

        run.AssertExit(1);
        var line = Assert.Single(run.Error.Split('\n'), l => l.Contains("LSG012"));
        Assert.StartsWith("spec.yaml:9:29: error LSG012: ", line);
        Assert.Contains("spec.yaml: 1 error, 0 warnings", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Warnings_do_not_fail_validation()
    {
        _cli.WriteFile("spec.yaml", Specs.WithWarning);
        var run = _cli.Run("validate", "spec.yaml");

        run.AssertExit(0);
        Assert.Matches(@"^spec\.yaml:\d+:\d+: warning LSG013: ", run.Error);
        Assert.Contains("0 errors, 1 warning", run.Out);
    }

    [Fact]
    public void Json_format_is_an_array_of_diagnostics_with_0_based_ranges()
    {
        _cli.WriteFile("spec.yaml", Specs.WithTypeError);
        var run = _cli.Run("validate", "spec.yaml", "--format", "json");

        run.AssertExit(1);
        using var json = JsonDocument.Parse(run.Out);
        var diagnostic = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(["code", "severity", "message", "range"], diagnostic.EnumerateObject().Select(p => p.Name));
        Assert.Equal("LSG012", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Contains("integer", diagnostic.GetProperty("message").GetString());
        var start = diagnostic.GetProperty("range").GetProperty("start");
        var end = diagnostic.GetProperty("range").GetProperty("end");
        Assert.Equal((8, 28), (start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32()));
        Assert.Equal((8, 31), (end.GetProperty("line").GetInt32(), end.GetProperty("character").GetInt32()));
    }

    [Fact]
    public void Json_format_of_a_clean_spec_is_an_empty_array()
    {
        _cli.WriteFile("spec.yaml", Specs.Valid);
        var run = _cli.Run("validate", "spec.yaml", "--format", "json");

        run.AssertExit(0);
        Assert.Equal("[]", run.Out.Trim());
    }

    [Fact]
    public void Json_severity_names_are_lowercase_words()
    {
        _cli.WriteFile("spec.yaml", Specs.WithWarning);
        using var json = JsonDocument.Parse(_cli.Run("validate", "spec.yaml", "--format", "json").Out);

        Assert.Contains(json.RootElement.EnumerateArray(), d => d.GetProperty("severity").GetString() == "warning");
        Assert.All(json.RootElement.EnumerateArray(),
            d => Assert.Contains(d.GetProperty("severity").GetString(), new[] { "error", "warning", "information", "hint" }));
    }

    [Fact]
    public void Missing_file_exits_2_without_a_stack_trace()
    {
        var run = _cli.Run("validate", "nope.yaml");

        run.AssertExit(2);
        Assert.Equal("lspgen: error: cannot read 'nope.yaml': no such file\n", run.Error);
    }

    [Fact]
    public void A_folder_instead_of_a_file_exits_2()
    {
        Directory.CreateDirectory(_cli.PathOf("specs"));
        var run = _cli.Run("validate", "specs");

        run.AssertExit(2);
        Assert.Contains("is a folder", run.Error);
    }

    [Fact]
    public void Broken_yaml_is_a_diagnostic_not_a_crash()
    {
        _cli.WriteFile("spec.yaml", "spec_version: \"1.0\"\nentities: [\n  - {name: X\n");
        var run = _cli.Run("validate", "spec.yaml");

        run.AssertExit(1);
        Assert.Contains("error LSG001", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
