using LspGen.Compiler.Enrich;
using Scriban.Runtime;

namespace LspGen.Compiler.Render;

/// <summary>
/// The enriched model as the plain Scriban tree the templates read: one <see cref="ScriptObject"/> per
/// record, keyed by the record's member names, built by hand so Scriban never reflects over our types
/// (NativeAOT trims what reflection would need). Each record is converted once per render and shared
/// wherever it appears (an entity is in Entities, CrudEntities and CreationOrder; a field in Fields
/// and DataFields). User text (<see cref="UserText"/>, <see cref="DefaultValue"/>) stays an opaque
/// object that only the escaping functions can print.
/// </summary>
public sealed class TemplateData
{
    private readonly Dictionary<EntityModel, ScriptObject> _entities = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FieldModel, ScriptObject> _fields = new(ReferenceEqualityComparer.Instance);

    private TemplateData() { }

    /// <summary>The "project" global: the whole model.</summary>
    public ScriptObject Project { get; private set; } = null!;

    /// <summary>The "entity" global of a per-entity template.</summary>
    public ScriptObject Entity(EntityModel entity) => _entities[entity];

    public static TemplateData Of(ProjectModel project)
    {
        var data = new TemplateData();
        data.Project = data.ProjectObject(project);
        return data;
    }

    private ScriptObject ProjectObject(ProjectModel p) => Obj(
        ("Name", p.Name),
        ("Title", p.Title),
        ("Description", p.Description),
        ("PostgresVersion", p.PostgresVersion),
        ("Auth", Obj(("Enabled", p.Auth.Enabled), ("AccessTokenExpiryMinutes", p.Auth.AccessTokenExpiryMinutes))),
        ("Entities", Array(p.Entities, EntityObject)),
        ("CrudEntities", Array(p.CrudEntities, EntityObject)),
        ("CreationOrder", Array(p.CreationOrder, EntityObject)),
        ("DropOrder", Array(p.DropOrder, EntityObject)),
        ("UserStories", Array(p.UserStories, s => Obj(("Id", s.Id), ("Role", s.Role), ("Goal", s.Goal), ("Benefit", s.Benefit)))),
        ("Integrations", Array(p.Integrations, i => Obj(("Name", i.Name), ("Purpose", i.Purpose), ("SettingName", i.SettingName)))));

    private ScriptObject EntityObject(EntityModel e)
    {
        if (_entities.TryGetValue(e, out var done)) return done;
        var o = Obj(
            ("ClassName", e.ClassName),
            ("Module", e.Module),
            ("Plural", e.Plural),
            ("TableName", e.TableName),
            ("RoutePath", e.RoutePath),
            ("Tag", e.Tag),
            ("Title", e.Title),
            ("Description", e.Description),
            ("Crud", e.Crud),
            ("PrimaryKey", FieldObject(e.PrimaryKey)),
            ("Fields", Array(e.Fields, FieldObject)),
            ("DataFields", Array(e.DataFields, FieldObject)),
            ("RequiredFields", Array(e.RequiredFields, FieldObject)),
            ("ReferenceFields", Array(e.ReferenceFields, FieldObject)),
            ("NonNullableDataFields", Array(e.NonNullableDataFields, FieldObject)),
            ("DeferredForeignKeys", Array(e.DeferredForeignKeys, FieldObject)),
            ("OwnerIndexName", e.OwnerIndexName),
            ("OwnerForeignKeyName", e.OwnerForeignKeyName),
            ("Test", TestObject(e.Test)),
            ("SpecName", e.SpecName),
            ("RenamedFrom", e.RenamedFrom));
        _entities.Add(e, o);
        return o;
    }

    private ScriptObject TestObject(TestPlan t) => Obj(
        ("Samples", Array(t.Samples, FieldObject)),
        ("UpdateField", OrNull(t.UpdateField)),
        ("RequiredField", OrNull(t.RequiredField)),
        ("WrongTypeField", OrNull(t.WrongTypeField)),
        ("ReferenceField", OrNull(t.ReferenceField)),
        ("BlockingReference", t.BlockingReference is { } b
            ? Obj(("ChildClassName", b.ChildClassName), ("ChildModule", b.ChildModule), ("FieldName", b.FieldName))
            : null));

    private ScriptObject? OrNull(FieldModel? f) => f is null ? null : FieldObject(f);

    private ScriptObject FieldObject(FieldModel f)
    {
        if (_fields.TryGetValue(f, out var done)) return done;
        var o = Obj(
            ("Name", f.Name),
            ("Type", f.Type),
            ("PythonType", f.PythonType),
            ("SqlType", f.SqlType),
            ("JsonType", f.JsonType),
            ("JsonFormat", f.JsonFormat),
            ("PrimaryKey", f.PrimaryKey),
            ("Identity", f.Identity),
            ("GeneratedUuid", f.GeneratedUuid),
            ("Nullable", f.Nullable),
            ("Unique", f.Unique),
            ("Index", f.Index),
            ("MaxLength", f.MaxLength),
            ("Default", f.Default),
            ("References", f.References is { } r
                ? Obj(("ClassName", r.ClassName), ("Module", r.Module), ("TableName", r.TableName),
                    ("Column", r.Column), ("ColumnPath", r.ColumnPath), ("OnDelete", r.OnDelete))
                : null),
            ("Description", f.Description),
            ("RequiredOnCreate", f.RequiredOnCreate),
            ("IndexName", f.IndexName),
            ("UniqueName", f.UniqueName),
            ("ForeignKeyName", f.ForeignKeyName),
            ("ForeignKeyDeferred", f.ForeignKeyDeferred),
            ("SpecName", f.SpecName),
            ("RenamedFrom", f.RenamedFrom),
            ("ServerDefault", f.ServerDefault),
            ("LegacyNoServerDefault", f.LegacyNoServerDefault));
        _fields.Add(f, o);
        return o;
    }

    private static ScriptArray Array<T>(IReadOnlyList<T> items, Func<T, ScriptObject> map)
    {
        var array = new ScriptArray(items.Count);
        foreach (var item in items) array.Add(map(item));
        return array;
    }

    // Values are strings, booleans, longs, nulls, nested trees, or UserText/DefaultValue (opaque).
    private static ScriptObject Obj(params (string Name, object? Value)[] members)
    {
        var o = new ScriptObject(members.Length);
        foreach (var (name, value) in members) o.Add(name, value);
        return o;
    }
}
