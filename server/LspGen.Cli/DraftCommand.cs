using System.CommandLine;
using System.Globalization;
using LspGen.Drafting;

namespace LspGen.Cli;

/// <summary>
/// <c>lspgen draft "&lt;description&gt;" [-o spec.yaml] [--base-url URL] [--model NAME] [--api-key-env NAME] [--allow-host HOST]…</c>:
/// ask an OpenAI-compatible model for a spec, validate it, and write it only when it is valid.
/// </summary>
public static class DraftCommand
{
    public static Command Create(CliContext context)
    {
        var description = new Argument<string>("description") { Description = "What the backend is for, in plain language (quote it)." };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the drafted spec ('-' for stdout).",
            DefaultValueFactory = _ => "spec.yaml",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var llm = new LlmOptions();
        var command = new Command("draft", "Draft a spec from a plain-language description with an LLM (default: a local Ollama); the draft is validated and must be reviewed.")
        {
            description, output, force,
        };
        llm.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context, parse.GetRequiredValue(description), parse.GetValue(output)!, parse.GetValue(force), llm.Read(parse), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string description, string outPath, bool force, DraftOptions options, CancellationToken cancellationToken)
    {
        var toStdout = outPath == "-";
        var full = toStdout ? "" : context.FullPath(outPath);
        if (!toStdout && File.Exists(full) && !force)
            throw new UsageException($"'{outPath}' already exists; choose another file with -o, or use --force to overwrite it");

        context.Error.WriteLine($"Drafting with {options.Model} at {options.BaseUrl} …");
        var result = await SpecDrafter.DraftAsync(description, options, Environment.GetEnvironmentVariable, cancellationToken);
        if (result.Failure is { } failure)
        {
            foreach (var e in failure.SchemaErrors) context.Error.WriteLine($"draft:schema {e}");
            foreach (var d in failure.Diagnostics) context.Error.WriteLine($"draft:{DraftFailure.Describe(d)}");
            context.Error.WriteLine($"lspgen: error: {failure.Message}");
            return failure.Kind == DraftFailureKind.InvalidSpec || failure.Kind == DraftFailureKind.InvalidAnswer ? ExitCodes.SpecErrors : ExitCodes.UsageOrIo;
        }

        if (toStdout)
        {
            context.Out.Write(result.SpecYaml);
            return ExitCodes.Ok;
        }
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new UsageException($"cannot write '{outPath}': folder '{folder}' does not exist");
        File.WriteAllText(full, result.SpecYaml);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {outPath} (drafted in {result.Attempts} attempt{(result.Attempts == 1 ? "" : "s")}). Review it, then: lspgen generate {outPath}"));
        return ExitCodes.Ok;
    }
}

/// <summary>The LLM endpoint options shared by <c>draft</c> and <c>serve</c>.</summary>
internal sealed class LlmOptions
{
    private readonly Option<string?> baseUrl = new("--base-url") { Description = $"OpenAI-compatible endpoint (default {DraftOptions.DefaultBaseUrl}, a local Ollama)." };
    private readonly Option<string?> model = new("--model") { Description = $"Model name (default {DraftOptions.DefaultModel})." };
    private readonly Option<string?> apiKeyEnv = new("--api-key-env") { Description = "Name of the environment variable holding the API key (the key itself is never an argument)." };
    private readonly Option<string[]> allowHost = new("--allow-host")
    {
        Description = "A non-loopback host the endpoint may be on (repeatable); only loopback is contacted otherwise.",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<int> timeout = new("--timeout")
    {
        Description = "Seconds to wait for one answer of the model.",
        DefaultValueFactory = _ => 120,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(baseUrl);
        command.Options.Add(model);
        command.Options.Add(apiKeyEnv);
        command.Options.Add(allowHost);
        command.Options.Add(timeout);
    }

    /// <summary>True when the user named an endpoint or a model (serve offers drafting only then).</summary>
    public bool Given(ParseResult parse) => parse.GetValue(baseUrl) is not null || parse.GetValue(model) is not null;

    public DraftOptions Read(ParseResult parse)
    {
        var seconds = parse.GetValue(timeout);
        if (seconds is < 1 or > 3600) throw new UsageException("--timeout must be between 1 and 3600 seconds");
        return new DraftOptions
        {
            BaseUrl = parse.GetValue(baseUrl) ?? DraftOptions.DefaultBaseUrl,
            Model = parse.GetValue(model) ?? DraftOptions.DefaultModel,
            ApiKeyEnvironmentVariable = parse.GetValue(apiKeyEnv),
            AllowedHosts = parse.GetValue(allowHost) ?? [],
            RequestTimeout = TimeSpan.FromSeconds(seconds),
        };
    }
}
