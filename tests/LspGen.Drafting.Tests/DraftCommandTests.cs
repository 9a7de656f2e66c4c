using LspGen.Cli;

namespace LspGen.Drafting.Tests;

/// <summary><c>lspgen draft</c> in process against the scripted endpoint: what is written, printed and returned.</summary>
public sealed class DraftCommandTests : IDisposable
{
    private const string ValidSpec =
        """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"uuid","primary_key":true}]}]}""";
    private const string InvalidSpec =
        """{"spec_version":"1.0","project_name":"library","entities":[{"name":"Book","fields":[{"name":"id","type":"guid","primary_key":true}]}]}""";

    private readonly string folder = Directory.CreateTempSubdirectory("lspgen-draft-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = Cli.Cli.Run(args, new CliContext(output, error, () => new MemoryStream(), folder));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_valid_draft_is_written_with_the_review_header()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var (code, output, error) = Run("draft", "a library", "--base-url", stub.BaseUrl, "--model", "m");

        Assert.True(code == 0, error);
        Assert.Equal("Wrote spec.yaml (drafted in 1 attempt). Review it, then: lspgen generate spec.yaml\n", output);
        Assert.StartsWith(DraftedSpec.ReviewHeader, File.ReadAllText(Path.Combine(folder, "spec.yaml")));
    }

    [Fact]
    public void Out_dash_prints_the_spec_on_stdout_and_writes_nothing()
    {
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var (code, output, _) = Run("draft", "a library", "-o", "-", "--base-url", stub.BaseUrl);

        Assert.Equal(0, code);
        Assert.StartsWith(DraftedSpec.ReviewHeader, output);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_draft_that_stays_invalid_writes_nothing_lists_the_diagnostics_and_exits_1()
    {
        using var stub = new StubEndpoint(StubReply.Answer(InvalidSpec), StubReply.Answer(InvalidSpec), StubReply.Answer(InvalidSpec));
        var (code, _, error) = Run("draft", "a library", "--base-url", stub.BaseUrl);

        Assert.Equal(ExitCodes.SpecErrors, code);
        Assert.False(File.Exists(Path.Combine(folder, "spec.yaml")));
        Assert.Contains("draft:schema /entities/0/fields/0/type: Value should match one of the values specified by the enum\n", error);
        Assert.Contains("draft:line 10, column 19: error LSG012: ", error);
        // The schema error comes before the validator's; the anyOf of fields (a list or null) and the
        // primary key on a type that cannot be one fail too.
        Assert.True(error.IndexOf("draft:schema ", StringComparison.Ordinal) < error.IndexOf("draft:line ", StringComparison.Ordinal), error);
        Assert.Contains("lspgen: error: the drafted spec still has 4 errors after 3 answers; nothing was written\n", error);
    }

    [Fact]
    public void An_existing_file_is_kept_unless_force()
    {
        File.WriteAllText(Path.Combine(folder, "spec.yaml"), "mine");
        using var stub = new StubEndpoint(StubReply.Answer(ValidSpec));
        var (code, _, error) = Run("draft", "a library", "--base-url", stub.BaseUrl);

        Assert.Equal(ExitCodes.UsageOrIo, code);
        Assert.Equal("lspgen: error: 'spec.yaml' already exists; choose another file with -o, or use --force to overwrite it\n", error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "spec.yaml")));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void The_key_never_reaches_the_output_even_when_the_endpoint_echoes_it()
    {
        const string variable = "LSPGEN_DRAFT_COMMAND_TEST_KEY";
        const string key = "sk-cli-SECRET-93b0";
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            using var stub = new StubEndpoint(new StubReply(401, """{"error":"bad key {AUTH}"}"""));
            var (code, output, error) = Run("draft", "a library", "--base-url", stub.BaseUrl, "--api-key-env", variable);

            Assert.Equal(ExitCodes.UsageOrIo, code);
            Assert.Equal("Bearer " + key, Assert.Single(stub.Requests).Authorization);
            Assert.DoesNotContain(key, output + error);
            Assert.Contains("HTTP 401", error);
            Assert.Contains($"Check the API key in the environment variable {variable}.", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
