using LspGen.Compiler.Enrich;
using Scriban.Runtime;

namespace LspGen.Compiler.Render;

/// <summary>
/// The enriched model as the plain Scriban tree the templates read: one <see cref="TemplateObject"/> per
/// record, keyed by the record's member names, built by hand so Scriban never reflects over our types
/// (NativeAOT trims what reflection would need). Each record is converted once per render and shared
/// wherever it appears (an entity is in Entities, CrudEntities and CreationOrder; a field in Fields
/// and DataFields). User text (<see cref="UserText"/>, <see cref="DefaultValue"/>) stays an opaque
/// object that only the escaping functions can print.
/// </summary>
internal sealed class TemplateData
{
    private readonly Dictionary<EntityModel, TemplateObject> _entities = new(ReferenceEqualityComparer.Instance);
    // The fields of the entity being converted, in Fields order; every other field list of an entity
    // is a subset of it, so a short linear search finds the shared object (cheaper than a hash lookup).
    private List<(FieldModel Model, TemplateObject Data)> _entityFields = [];

    private TemplateData() { }

    /// <summary>The "project" global: the whole model.</summary>
    public TemplateObject Project { get; private set; } = null!;

    /// <summary>The "entity" global of a per-entity template.</summary>
    public TemplateObject Entity(EntityModel entity) => _entities[entity];

    public static TemplateData Of(ProjectModel project)
    {
        var data = new TemplateData();
        data.Project = data.ProjectObject(project);
        return data;
    }

    private static readonly TemplateShape AuthShape = new("Enabled", "AccessTokenExpiryMinutes");
    private static readonly TemplateShape UserStoryShape = new("Id", "Role", "Goal", "Benefit");
    private static readonly TemplateShape IntegrationShape = new("Name", "Purpose", "SettingName");
    private static readonly TemplateShape ProjectShape = new("Name", "Title", "Description", "PostgresVersion", "Auth", "Entities", "CrudEntities", "CreationOrder", "DropOrder", "UserStories", "Integrations");
    private static readonly TemplateShape EntityShape = new("ClassName", "Module", "Plural", "TableName", "RoutePath", "Tag", "Title", "Description", "Crud", "PrimaryKey", "Fields", "DataFields", "RequiredFields", "ReferenceFields", "NonNullableDataFields", "DeferredForeignKeys", "OwnerIndexName", "OwnerForeignKeyName", "Test", "SpecName", "RenamedFrom", "ModuleLiteral", "TableNameLiteral", "RoutePathLiteral", "TagLiteral", "OwnerIndexNameLiteral", "OwnerForeignKeyNameLiteral");
    private static readonly TemplateShape IncomingReferenceShape = new("ChildClassName", "ChildModule", "FieldName");
    private static readonly TemplateShape TestPlanShape = new("Samples", "UpdateField", "RequiredField", "WrongTypeField", "ReferenceField", "BlockingReference");
    private static readonly TemplateShape ReferenceShape = new("ClassName", "Module", "TableName", "Column", "ColumnPath", "OnDelete", "ModuleLiteral", "TableNameLiteral", "ColumnLiteral", "ColumnPathLiteral", "OnDeleteLiteral");
    private static readonly TemplateShape FieldShape = new("Name", "Type", "PythonType", "SqlType", "JsonType", "JsonFormat", "PrimaryKey", "Identity", "GeneratedUuid", "Nullable", "Unique", "Index", "MaxLength", "Default", "References", "Description", "RequiredOnCreate", "IndexName", "UniqueName", "ForeignKeyName", "ForeignKeyDeferred", "SpecName", "RenamedFrom", "ServerDefault", "LegacyNoServerDefault", "NameLiteral", "IndexNameLiteral", "UniqueNameLiteral", "ForeignKeyNameLiteral");

    private TemplateObject ProjectObject(ProjectModel p) => ProjectShape.Of(p.Name, p.Title, p.Description, p.PostgresVersion, AuthShape.Of(p.Auth.Enabled, p.Auth.AccessTokenExpiryMinutes), Array(p.Entities, EntityObject), Array(p.CrudEntities, EntityObject), Array(p.CreationOrder, EntityObject), Array(p.DropOrder, EntityObject), Array(p.UserStories, s => UserStoryShape.Of(s.Id, s.Role, s.Goal, s.Benefit)), Array(p.Integrations, i => IntegrationShape.Of(i.Name, i.Purpose, i.SettingName)));

    private TemplateObject EntityObject(EntityModel e)
    {
        if (_entities.TryGetValue(e, out var done)) return done;
        _entityFields = new List<(FieldModel, TemplateObject)>(e.Fields.Count);
        var o = EntityShape.Of(e.ClassName, e.Module, e.Plural, e.TableName, e.RoutePath, e.Tag, e.Title, e.Description, e.Crud, FieldObject(e.PrimaryKey), Array(e.Fields, FieldObject), Array(e.DataFields, FieldObject), Array(e.RequiredFields, FieldObject), Array(e.ReferenceFields, FieldObject), Array(e.NonNullableDataFields, FieldObject), Array(e.DeferredForeignKeys, FieldObject), e.OwnerIndexName, e.OwnerForeignKeyName, TestObject(e.Test), e.SpecName, e.RenamedFrom, Literal(e.Module), Literal(e.TableName), Literal(e.RoutePath), Literal(e.Tag), Literal(e.OwnerIndexName), Literal(e.OwnerForeignKeyName));
        _entities.Add(e, o);
        return o;
    }

    private TemplateObject TestObject(TestPlan t) => TestPlanShape.Of(Array(t.Samples, FieldObject), OrNull(t.UpdateField), OrNull(t.RequiredField), OrNull(t.WrongTypeField), OrNull(t.ReferenceField), t.BlockingReference is { } b
            ? IncomingReferenceShape.Of(b.ChildClassName, b.ChildModule, b.FieldName)
            : null);

    private TemplateObject? OrNull(FieldModel? f) => f is null ? null : FieldObject(f);

    private TemplateObject FieldObject(FieldModel f)
    {
        foreach (var (model, data) in _entityFields)
            if (ReferenceEquals(model, f)) return data;
        var o = FieldShape.Of(f.Name, f.Type, f.PythonType, f.SqlType, f.JsonType, f.JsonFormat, f.PrimaryKey, f.Identity, f.GeneratedUuid, f.Nullable, f.Unique, f.Index, f.MaxLength, f.Default, f.References is { } r
                ? ReferenceShape.Of(r.ClassName, r.Module, r.TableName, r.Column, r.ColumnPath, r.OnDelete, Literal(r.Module), Literal(r.TableName), Literal(r.Column), Literal(r.ColumnPath), Literal(r.OnDelete))
                : null, f.Description, f.RequiredOnCreate, f.IndexName, f.UniqueName, f.ForeignKeyName, f.ForeignKeyDeferred, f.SpecName, f.RenamedFrom, f.ServerDefault, f.LegacyNoServerDefault, Literal(f.Name), Literal(f.IndexName), Literal(f.UniqueName), Literal(f.ForeignKeyName));
        _entityFields.Add((f, o));
        return o;
    }

    // A derived name (never user text) as the double-quoted literal py_str and yaml_str would print:
    // for printable ASCII without quote or backslash, which is what the enricher derives, the two agree
    // and the literal is valid Python, YAML and JSON. Computed here once instead of a helper call per
    // use: a Scriban function call costs far more than the escaping (docs/performance.md).
    private static string? Literal(string? name)
    {
        if (name is null) return null;
        foreach (var c in name)
            if (c is < ' ' or > '~' or '"' or '\\')
                throw new InvalidOperationException($"Derived name {Escape.PyStr(name)} is not a plain ASCII name.");
        return string.Concat("\"", name, "\"");
    }

    private static ScriptArray Array<T>(IReadOnlyList<T> items, Func<T, TemplateObject> map)
    {
        var array = new ScriptArray(items.Count);
        foreach (var item in items) array.Add(map(item));
        return array;
    }
}
