namespace LspGen.Compiler.Migrate;

/// <summary>What one operation does to the database.</summary>
public enum OperationKind
{
    CreateTable, DropTable, RenameTable,
    AddColumn, DropColumn, RenameColumn,
    AlterType, AlterLength, AlterServerDefault, AlterNullability,
    AddUnique, DropUnique, AddIndex, DropIndex, AddForeignKey, DropForeignKey,
    /// <summary>A constraint, index or sequence whose derived name follows a table or column rename.</summary>
    RenameConstraint,
}

/// <summary>What an operation can do to data that is already in the database (the editor's severity).</summary>
public enum OperationImpact
{
    /// <summary>Adds, or renames keeping every value (information).</summary>
    Safe,
    /// <summary>Deletes data: a dropped table or column (warning).</summary>
    Destructive,
    /// <summary>May fail on, or change, existing values: a shorter length, a narrower type, a new unique constraint (warning).</summary>
    Narrowing,
    /// <summary>Cannot run against a table that holds rows; generate refuses it (error, with a <see cref="Remedy"/>).</summary>
    Unsafe,
}

/// <summary>The spec change that fixes an unsafe operation.</summary>
public enum Remedy
{
    /// <summary>Give the field a <c>default:</c> (a required column on an existing table needs a value for its rows).</summary>
    AddDefault,
    /// <summary>Keep the previous type (<see cref="MigrationOperation.PreviousType"/>): no safe cast exists.</summary>
    KeepType,
}

/// <summary>
/// Where an operation comes from in the spec, by the names written there. <paramref name="Removed"/>: the
/// item is gone from the spec and the names are those of the snapshot (entity class and column).
/// </summary>
public sealed record SpecOrigin(string Entity, string? Field, bool Removed = false);

/// <summary>One change the next revision makes, with what the editor and <c>lspgen plan</c> say about it.</summary>
public sealed record MigrationOperation(OperationKind Kind, OperationImpact Impact, string Table, string Summary, string Message, SpecOrigin? Origin)
{
    public Remedy? Remedy { get; init; }

    /// <summary>For <see cref="Remedy.KeepType"/>: the spec type the column has now, e.g. "integer".</summary>
    public string? PreviousType { get; init; }

    // What the revision writer needs; which ones are set depends on Kind.
    internal TableSchema? TableSchema { get; init; }
    internal ColumnSchema? Column { get; init; }
    internal ColumnSchema? OldColumn { get; init; }
    internal KeySchema? Key { get; init; }
    internal ForeignKeySchema? ForeignKey { get; init; }
    internal string? OldName { get; init; }
    internal string? NewName { get; init; }
    /// <summary>For RenameConstraint: "index", "constraint" or "sequence".</summary>
    internal string? ObjectKind { get; init; }
    /// <summary>Part of the revision's file name, or null when the operation follows from another one.</summary>
    internal string? Slug { get; init; }
}

/// <summary>A column dropped and another of the same type added in one table: perhaps a rename the spec does not say.</summary>
public sealed record RenameCandidate(SpecOrigin Added, string DroppedField);

/// <summary>The planned next revision: operations in the order they run, and the snapshot after them.</summary>
public sealed record MigrationPlan(
    IReadOnlyList<MigrationOperation> Operations,
    SchemaSnapshot Snapshot,
    /// <summary>The revision file to write, or null (no change, or the initial revision, which the templates render).</summary>
    GeneratedFile? Revision,
    IReadOnlyList<RenameCandidate> RenameCandidates,
    /// <summary>Items whose <c>renamed_from</c> the snapshot does not need (already applied, or never there).</summary>
    IReadOnlyList<SpecOrigin> StaleRenames)
{
    /// <summary>True when there was no snapshot: the next generation writes the initial revision.</summary>
    public bool IsInitial { get; init; }

    public bool HasUnsafe => Operations.Any(o => o.Impact == OperationImpact.Unsafe);

    public bool HasDestructive => Operations.Any(o => o.Impact is OperationImpact.Destructive or OperationImpact.Narrowing);

    /// <summary>Operations the user asked for (not the constraint renames that follow from a rename).</summary>
    public IEnumerable<MigrationOperation> Changes => Operations.Where(o => o.Kind != OperationKind.RenameConstraint);
}
