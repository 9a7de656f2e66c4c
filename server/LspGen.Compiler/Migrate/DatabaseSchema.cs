using LspGen.Compiler.Enrich;
using LspGen.Spec;

namespace LspGen.Compiler.Migrate;

/// <summary>A table the enriched model asks for, with the entity it comes from (null for <c>users</c>).</summary>
public sealed record TargetTable(TableSchema Schema, EntityModel? Entity)
{
    /// <summary>The spec field behind a column, or null (primary key LspGen adds, user_id, timestamps).</summary>
    public FieldModel? FieldOf(string column) =>
        Entity?.Fields.FirstOrDefault(f => f.Name == column && f.SpecName is not null);
}

/// <summary>
/// The schema that <c>app/models.py</c> and <c>0001_initial.py</c> describe for a model, in the terms of
/// <see cref="SchemaSnapshot"/>. It must agree with those templates: the generated project's own
/// drift test (<c>alembic check</c>) and the e2e migration walk prove that it does.
/// </summary>
public static class DatabaseSchema
{
    public const string UsersTable = "users";

    public static IReadOnlyList<TargetTable> Of(ProjectModel model)
    {
        var tables = new List<TargetTable>();
        if (model.Auth.Enabled) tables.Add(new TargetTable(Users, null));
        foreach (var entity in model.CreationOrder)
            tables.Add(new TargetTable(TableOf(entity, model.Auth.Enabled), entity));
        return tables;
    }

    private static readonly ServerDefault Now = new("now()", IsExpression: true);

    private static IEnumerable<ColumnSchema> Timestamps() =>
    [
        new("created_at", "timestamptz", null, false, false, Now),
        new("updated_at", "timestamptz", null, false, false, Now),
    ];

    private static readonly TableSchema Users = new(
        UsersTable, null, new KeySchema("users_pkey", ["id"]),
        [
            new("id", "uuid", null, false, false, null),
            new("email", "varchar", 320, false, false, null),
            new("password_hash", "varchar", 255, false, false, null),
            .. Timestamps(),
        ],
        [new KeySchema("uq_users_email", ["email"])], [], []);

    private static TableSchema TableOf(EntityModel entity, bool auth)
    {
        var columns = new List<ColumnSchema>();
        var uniques = new List<KeySchema>();
        var indexes = new List<KeySchema>();
        var foreignKeys = new List<ForeignKeySchema>();
        foreach (var field in entity.Fields)
        {
            columns.Add(ColumnOf(field));
            if (field.Unique) uniques.Add(new KeySchema(field.UniqueName, auth ? ["user_id", field.Name] : [field.Name]));
            if (field.Index) indexes.Add(new KeySchema(field.IndexName, [field.Name]));
            if (field.References is { } r)
                foreignKeys.Add(new ForeignKeySchema(field.ForeignKeyName, [field.Name], r.TableName, [r.Column], r.OnDelete));
        }
        if (auth)
        {
            columns.Add(new ColumnSchema("user_id", "uuid", null, false, false, null));
            indexes.Add(new KeySchema(entity.OwnerIndexName, ["user_id"]));
            foreignKeys.Add(new ForeignKeySchema(entity.OwnerForeignKeyName, ["user_id"], UsersTable, ["id"], "CASCADE"));
        }
        columns.AddRange(Timestamps());
        return new TableSchema(entity.TableName, entity.ClassName, new KeySchema(PrimaryKeyName(entity.TableName), [entity.PrimaryKey.Name]),
            columns, Sorted(uniques), Sorted(indexes), foreignKeys.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
    }

    private static List<KeySchema> Sorted(List<KeySchema> keys) => keys.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

    /// <summary>PostgreSQL's own name for a table's primary key (SQLAlchemy leaves it unnamed).</summary>
    public static string PrimaryKeyName(string table) => RelationNames.PrimaryKey(table);

    /// <summary>PostgreSQL's own name for the sequence behind an identity column.</summary>
    public static string IdentitySequenceName(string table, string column) => RelationNames.IdentitySequence(table, column);

    private static ColumnSchema ColumnOf(FieldModel field)
    {
        var (type, length) = field.Type switch
        {
            "string" => ("varchar", field.MaxLength),
            "text" => ("text", (long?)null),
            "integer" => ("integer", null),
            "float" => ("double precision", null),
            "boolean" => ("boolean", null),
            "datetime" => ("timestamptz", null),
            "uuid" => ("uuid", null),
            _ => throw new InvalidOperationException($"no column type for field type '{field.Type}'"),
        };
        return new ColumnSchema(field.Name, type, length, field.Nullable, field.Identity,
            field.ServerDefault is { } d ? new ServerDefault(d.Value, IsExpression: false) : null);
    }

    /// <summary>The spec type that gives a column type (for messages and the "keep the type" fix).</summary>
    public static string SpecTypeOf(string columnType) => columnType switch
    {
        "varchar" => "string",
        "double precision" => "float",
        "timestamptz" => "datetime",
        _ => columnType,
    };
}
