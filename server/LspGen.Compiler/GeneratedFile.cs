namespace LspGen.Compiler;

/// <summary>Who owns a generated file after it has been written once.</summary>
public enum FileOwner
{
    /// <summary>Regenerated on every run (user edits are detected and reported as conflicts).</summary>
    Generator,
    /// <summary>An extension point: written on the first generation only, then the user's (never touched again).</summary>
    User,
    /// <summary>A revision of the migration history: written once, then never rewritten or removed (it is what databases ran).</summary>
    History,
}

/// <summary>One file of the generated project: a relative path with '/' separators, its text ('\n' line endings) and owner.</summary>
public sealed record GeneratedFile(string Path, string Content, FileOwner Owner);
