namespace LspGen.Cli;

/// <summary>The process exit codes of lspgen; a public contract (scripts and the editor rely on them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The spec has errors; nothing was written.</summary>
    public const int SpecErrors = 1;
    /// <summary>Bad command line, or a file that cannot be read or written (including an unsafe output path).</summary>
    public const int UsageOrIo = 2;
    /// <summary>Regeneration kept files the user edited; rerun with --force to overwrite them.</summary>
    public const int Conflicts = 3;
    /// <summary><c>lspgen plan</c>: the next migration drops or narrows data (a removed table or column, a narrower type).</summary>
    public const int DestructiveChanges = 4;
    /// <summary>A bug in lspgen (an exception no user input should cause).</summary>
    public const int InternalError = 70;
}
