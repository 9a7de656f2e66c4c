using LspGen.Compiler.Enrich;
using LspGen.Compiler.Render;

namespace LspGen.Compiler.Migrate;

/// <summary>
/// What the output folder says about the migrations its databases ran, read by the caller (the CLI,
/// the server) so that planning stays pure.
/// </summary>
public abstract record MigrationHistory
{
    /// <summary>A new project: the next generation writes the initial revision.</summary>
    public sealed record None : MigrationHistory;

    /// <summary>A project with a schema snapshot.</summary>
    public sealed record Recorded(SchemaSnapshot Snapshot) : MigrationHistory;

    /// <summary>A project generated before snapshots existed: its <c>0001_initial.py</c>, unedited, is all there is.</summary>
    public sealed record Legacy(string InitialRevisionText) : MigrationHistory;

    public static MigrationHistory Fresh { get; } = new None();

    public const string InitialRevisionPath = "alembic/versions/" + MigrationPlanner.InitialRevision + ".py";

    /// <summary>
    /// The baseline of a legacy project: the schema its <c>0001_initial.py</c> created, which is the
    /// schema of the current spec as 1.0 rendered it (without server defaults) if and only if the
    /// current spec renders that file byte for byte. Null when the spec changed since.
    /// </summary>
    public static SchemaSnapshot? LegacyBaseline(ProjectModel model, string initialRevisionText)
    {
        var legacy = WithoutServerDefaults(model);
        var rendered = Renderer.Render(legacy).FirstOrDefault(f => f.Path == InitialRevisionPath);
        if (rendered is null || rendered.Content != initialRevisionText.Replace("\r\n", "\n", StringComparison.Ordinal)) return null;
        return new SchemaSnapshot("0001", [MigrationPlanner.InitialRevision], DatabaseSchema.Of(legacy).Select(t => t.Schema).ToList());
    }

    // LspGen 1.0 kept spec defaults in Python only; everything else of its 0001 is what the templates render now.
    private static ProjectModel WithoutServerDefaults(ProjectModel model)
    {
        var entities = model.Entities.ToDictionary(e => e.ClassName, e => Strip(e), StringComparer.Ordinal);
        IReadOnlyList<EntityModel> Map(IReadOnlyList<EntityModel> list) => list.Select(e => entities[e.ClassName]).ToList();
        return model with
        {
            Entities = Map(model.Entities), CrudEntities = Map(model.CrudEntities),
            CreationOrder = Map(model.CreationOrder), DropOrder = Map(model.DropOrder),
        };
    }

    private static EntityModel Strip(EntityModel e)
    {
        FieldModel F(FieldModel f) => f with { LegacyNoServerDefault = true };
        List<FieldModel> L(IReadOnlyList<FieldModel> fields) => fields.Select(F).ToList();
        return e with
        {
            PrimaryKey = F(e.PrimaryKey), Fields = L(e.Fields), DataFields = L(e.DataFields), RequiredFields = L(e.RequiredFields),
            ReferenceFields = L(e.ReferenceFields), NonNullableDataFields = L(e.NonNullableDataFields), DeferredForeignKeys = L(e.DeferredForeignKeys),
        };
    }
}
