namespace LspGen.Cli;

/// <summary>
/// The edges a command may touch: its text streams, the raw stdout stream (for a zip on stdout) and the
/// folder relative paths are resolved against. Tests pass their own, so commands run in process.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> OpenStdout, string WorkingDirectory)
{
    public static CliContext ForConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardOutput, Environment.CurrentDirectory);

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

/// <summary>A user-facing failure (missing file, bad option value, unsafe path): printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
