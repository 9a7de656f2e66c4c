namespace LspGen.Drafting;

/// <summary>
/// Where and how to ask for a draft: an OpenAI-compatible chat-completions endpoint. The API key is
/// never stored here, only the name of the environment variable that holds it.
/// </summary>
public sealed record DraftOptions
{
    /// <summary>A local Ollama, which needs no key and keeps descriptions on the machine.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:11434/v1";
    public const string DefaultModel = "llama3.1";

    public string BaseUrl { get; init; } = DefaultBaseUrl;
    public string Model { get; init; } = DefaultModel;
    /// <summary>Name of the environment variable holding the API key (sent as a Bearer token); null: no key.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }
    /// <summary>Host names besides loopback that may be contacted (the base URL's and any redirect's).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
    /// <summary>Bound on one request, so a stuck endpoint cannot hang the CLI, the page or the editor.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Answers asked for in total: the first plus up to two retries fed with the diagnostics.</summary>
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Low, so that the same description tends to give the same spec.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>What to tell a user who has no working endpoint.</summary>
    public const string HowToConfigure =
        "Start a local Ollama (`ollama serve`, then `ollama pull " + DefaultModel + "`), which lspgen uses by default at " + DefaultBaseUrl +
        ", or point it at any OpenAI-compatible endpoint: --base-url https://HOST/v1 --allow-host HOST --model NAME --api-key-env VARIABLE_HOLDING_THE_KEY.";
}
