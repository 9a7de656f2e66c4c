namespace LspGen.Compiler.Write;

/// <summary>What one run of <see cref="OutputWriter"/> did, each list holding relative '/' paths in ordinal order.</summary>
public sealed record WriteReport(
    /// <summary>Files created or overwritten with new content.</summary>
    IReadOnlyList<string> Written,
    /// <summary>Files whose content on disk already was the generated content.</summary>
    IReadOnlyList<string> Unchanged,
    /// <summary>Generator files the user edited (or created before the first generation): kept as they are.</summary>
    IReadOnlyList<string> ConflictsKept,
    /// <summary>Files no longer generated and unedited (or --force): deleted.</summary>
    IReadOnlyList<string> Removed,
    /// <summary>Files no longer generated but edited by the user: kept, and a conflict like <see cref="ConflictsKept"/>.</summary>
    IReadOnlyList<string> OrphansKept,
    /// <summary>Paths matched by .lspgenignore: neither written nor removed.</summary>
    IReadOnlyList<string> SkippedByIgnore,
    /// <summary>Extension points that already exist: they belong to the user and are never rewritten.</summary>
    IReadOnlyList<string> UserOwnedKept)
{
    /// <summary>True when something the user changed stood in the generator's way (the CLI exits with 3).</summary>
    public bool HasConflicts => ConflictsKept.Count > 0 || OrphansKept.Count > 0;
}
