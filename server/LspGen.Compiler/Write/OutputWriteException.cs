namespace LspGen.Compiler.Write;

/// <summary>
/// Why the writer refused to touch the output folder (an unsafe path, an unreadable manifest, a bad
/// .lspgenignore line). Thrown before anything is written; the CLI reports it as a usage/I/O error.
/// </summary>
public sealed class OutputWriteException(string message) : Exception(message);
