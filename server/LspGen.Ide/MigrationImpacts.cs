using LspGen.Compiler.Enrich;
using LspGen.Compiler.Migrate;
using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// What the next migration does to the database, as the editor shows it: the planner's plan and one
/// diagnostic per change on the spec line that causes it (LSG030–LSG034).
/// </summary>
public sealed record MigrationImpact(MigrationPlan Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The changes the user asked for (constraint renames that follow from a rename are not counted).</summary>
    public int ChangeCount => Plan.Changes.Count();

    /// <summary>One terraform-plan-like line per operation, in the order they run.</summary>
    public IReadOnlyList<string> SummaryLines => [.. Plan.Operations.Select(o => o.Summary)];
}

/// <summary>
/// Plans the next migration of a spec against the schema snapshot of its output folder. Pure: the
/// snapshot is read by the caller (the language server or the CLI), so this never touches the disk.
/// </summary>
public static class MigrationImpacts
{
    /// <summary>Keys of <see cref="Diagnostic.Data"/> that the quick fixes read.</summary>
    public const string EntityKey = "entity", FieldKey = "field", RemedyKey = "remedy", PreviousTypeKey = "previous_type", DroppedKey = "dropped";

    public const string AddDefault = "add_default", KeepType = "keep_type";

    /// <summary>
    /// Null when there is nothing to compare: no snapshot, a PRD, or a spec with errors (the model is
    /// only defined for a valid spec).
    /// </summary>
    public static MigrationImpact? Of(IdeDocument doc, SchemaSnapshot? snapshot)
    {
        if (snapshot is null || doc.Kind != DocumentKind.Spec || doc.Analysis.HasErrors) return null;
        return Of(doc.Spec, MigrationPlanner.Plan(snapshot, Enricher.Enrich(doc.Spec)));
    }

    /// <summary>The diagnostics of an already computed <paramref name="plan"/> of <paramref name="spec"/>.</summary>
    public static MigrationImpact Of(SpecDocument spec, MigrationPlan plan)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var operation in plan.Changes)
        {
            var descriptor = operation.Impact switch
            {
                OperationImpact.Safe => Descriptors.MigrationChange,
                OperationImpact.Unsafe => Descriptors.MigrationUnsafe,
                _ => Descriptors.MigrationLosesData,
            };
            var diagnostic = Diagnostic.Create(descriptor, RangeOf(spec, operation), operation.Message);
            if (operation.Origin is { Removed: false } origin)
            {
                diagnostic = diagnostic.WithData(EntityKey, origin.Entity);
                if (origin.Field is { } field) diagnostic = diagnostic.WithData(FieldKey, field);
            }
            if (operation.Remedy == Remedy.AddDefault) diagnostic = diagnostic.WithData(RemedyKey, AddDefault);
            if (operation.Remedy == Remedy.KeepType && operation.PreviousType is { } previous)
                diagnostic = diagnostic.WithData(RemedyKey, KeepType).WithData(PreviousTypeKey, previous);
            diagnostics.Add(diagnostic);
        }
        foreach (var candidate in plan.RenameCandidates)
        {
            var added = candidate.Added;
            if (added.Field is null) continue;
            diagnostics.Add(Diagnostic.Create(Descriptors.RenameCandidate, RangeOf(spec, added, null), added.Field, candidate.DroppedField, added.Entity)
                .WithData(EntityKey, added.Entity).WithData(FieldKey, added.Field).WithData(DroppedKey, candidate.DroppedField));
        }
        foreach (var stale in plan.StaleRenames)
        {
            var entity = FindEntity(spec, stale.Entity);
            var field = stale.Field is null ? null : FindField(entity, stale.Field);
            var renamedFrom = stale.Field is null ? entity?.RenamedFrom : field?.RenamedFrom;
            if (renamedFrom is not { } old) continue;
            var diagnostic = Diagnostic.Create(Descriptors.StaleRenamedFrom, old.Range, Short(old.Value),
                    stale.Field is null ? "table of an entity" : "column")
                .WithData(EntityKey, stale.Entity);
            diagnostics.Add(stale.Field is null ? diagnostic : diagnostic.WithData(FieldKey, stale.Field));
        }
        return new MigrationImpact(plan, SpecAnalyzer.Sort(diagnostics));
    }

    // As the validator shortens values in messages (a 1 MB value must not become a 1 MB message).
    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>The spec token that causes <paramref name="operation"/>: the option that changed, else the item's name.</summary>
    private static SourceRange RangeOf(SpecDocument spec, MigrationOperation operation)
    {
        if (operation.Origin is not { } origin)
        {
            // No spec item: the generated users table follows the auth block.
            if (spec.KeyRanges.TryGetValue("auth", out var auth)) return auth;
            return spec.KeyRanges.TryGetValue("entities", out var entities) ? entities : SourceRange.At(0, 0);
        }
        return RangeOf(spec, origin, operation.Kind);
    }

    private static SourceRange RangeOf(SpecDocument spec, SpecOrigin origin, OperationKind? kind)
    {
        var entitiesKey = spec.KeyRanges.TryGetValue("entities", out var keyRange) ? keyRange : SourceRange.At(0, 0);
        var entity = FindEntity(spec, origin.Entity);
        if (entity is null) return entitiesKey;
        if (origin.Field is null)
        {
            if (origin.Removed) return entitiesKey;
            return kind == OperationKind.RenameTable ? entity.RenamedFrom?.Range ?? entity.TableName?.Range ?? entity.Name.Range : entity.Name.Range;
        }
        if (origin.Removed || FindField(entity, origin.Field) is not { } field) return entity.Name.Range;
        return kind switch
        {
            OperationKind.AlterType => field.Type.Range,
            OperationKind.AlterLength => field.MaxLength?.Range ?? field.Type.Range,
            OperationKind.AlterNullability => OptionRange(field, "nullable", field.Nullable?.Range),
            OperationKind.AlterServerDefault => field.Default?.Range ?? field.Name.Range,
            OperationKind.AddUnique or OperationKind.DropUnique => OptionRange(field, "unique", field.Unique?.Range),
            OperationKind.AddIndex or OperationKind.DropIndex => OptionRange(field, "index", field.Index?.Range),
            OperationKind.AddForeignKey or OperationKind.DropForeignKey => field.References?.Range ?? field.Name.Range,
            OperationKind.RenameColumn => field.RenamedFrom?.Range ?? field.Name.Range,
            _ => field.Name.Range,
        };

        SourceRange OptionRange(FieldSpec f, string key, SourceRange? value) =>
            f.KeyRanges.TryGetValue(key, out var r) ? r : value ?? f.Name.Range;
    }

    /// <summary>
    /// The entity <paramref name="name"/> names: as written in the spec, or (for a removed item's parent)
    /// the snapshot's class name, which is the spec name in PascalCase or the entity's renamed_from.
    /// </summary>
    internal static EntitySpec? FindEntity(SpecDocument spec, string name) =>
        spec.Entities.FirstOrDefault(e => e.Name.Value == name)
        ?? spec.Entities.FirstOrDefault(e => Naming.ToPascalCase(e.Name.Value) == Naming.ToPascalCase(name))
        ?? spec.Entities.FirstOrDefault(e => e.RenamedFrom is { } old && Naming.ToPascalCase(old.Value) == Naming.ToPascalCase(name));

    internal static FieldSpec? FindField(EntitySpec? entity, string name) =>
        entity?.Fields.FirstOrDefault(f => f.Name.Value == name)
        ?? entity?.Fields.FirstOrDefault(f => Naming.ToSnakeCase(f.Name.Value) == Naming.ToSnakeCase(name));

    /// <summary>
    /// Whether the database (as <paramref name="snapshot"/> records it) has the entity <paramref name="entity"/>
    /// (its class name), or that entity's column <paramref name="field"/>: then renaming it in the spec needs
    /// a <c>renamed_from</c> to keep the data.
    /// </summary>
    public static bool HasInDatabase(SchemaSnapshot snapshot, string entity, string? field)
    {
        var className = Naming.ToPascalCase(entity);
        var table = snapshot.Tables.FirstOrDefault(t => t.Entity == className);
        if (table is null) return false;
        return field is null || table.Column(Naming.ToSnakeCase(field)) is not null;
    }
}
