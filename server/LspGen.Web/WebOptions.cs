using LspGen.Drafting;

namespace LspGen.Web;

/// <summary>
/// How <c>lspgen serve</c> runs: the address to bind (loopback unless the user says otherwise) and,
/// when an LLM endpoint was configured, the draft options (null: the page shows no draft box).
/// </summary>
public sealed record WebOptions
{
    public const long MaxRequestBytes = 1024 * 1024;

    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port (tests); the bound address is in <see cref="WebServer.Addresses"/>.</summary>
    public int Port { get; init; } = 8080;
    public DraftOptions? Draft { get; init; }
    /// <summary>Reads the API key's environment variable (tests substitute their own).</summary>
    public Func<string, string?> ReadEnvironment { get; init; } = Environment.GetEnvironmentVariable;
    /// <summary>Where unexpected exceptions are logged (never sent to the browser).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
