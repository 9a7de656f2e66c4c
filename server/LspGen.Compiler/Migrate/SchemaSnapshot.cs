using System.Text;
using System.Text.Json;

namespace LspGen.Compiler.Migrate;

/// <summary>
/// The database schema that the project's migration history creates, as recorded in
/// <c>.lspgen-schema.json</c> next to the manifest: the baseline the next revision is planned against.
/// Tables are sorted by name, constraints and indexes by name; columns keep their table order.
/// </summary>
/// <param name="Head">Revision id of the last revision, e.g. "0003".</param>
/// <param name="Revisions">File stems of every revision in order, e.g. "0001_initial".</param>
public sealed record SchemaSnapshot(string Head, IReadOnlyList<string> Revisions, IReadOnlyList<TableSchema> Tables)
{
    public const string FileName = ".lspgen-schema.json";
    private const int FormatVersion = 1;

    public TableSchema? Table(string name) => Tables.FirstOrDefault(t => t.Name == name);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("generator", "lspgen");
            json.WriteNumber("version", FormatVersion);
            json.WriteString("head", Head);
            WriteStrings(json, "revisions", Revisions);
            json.WriteStartArray("tables");
            foreach (var table in Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", table.Name);
                if (table.Entity is { } entity) json.WriteString("entity", entity);
                json.WriteStartObject("primary_key");
                json.WriteString("name", table.PrimaryKey.Name);
                WriteStrings(json, "columns", table.PrimaryKey.Columns);
                json.WriteEndObject();
                json.WriteStartArray("columns");
                foreach (var c in table.Columns)
                {
                    json.WriteStartObject();
                    json.WriteString("name", c.Name);
                    json.WriteString("type", c.Type);
                    if (c.Length is { } length) json.WriteNumber("length", length);
                    json.WriteBoolean("nullable", c.Nullable);
                    if (c.Identity) json.WriteBoolean("identity", true);
                    if (c.ServerDefault is { } d)
                    {
                        json.WriteStartObject("server_default");
                        json.WriteString(d.IsExpression ? "expression" : "value", d.Text);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteKeys(json, "unique_constraints", table.Uniques);
                WriteKeys(json, "indexes", table.Indexes);
                json.WriteStartArray("foreign_keys");
                foreach (var f in table.ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("name", f.Name);
                    WriteStrings(json, "columns", f.Columns);
                    json.WriteString("references_table", f.ReferencedTable);
                    WriteStrings(json, "references_columns", f.ReferencedColumns);
                    if (f.OnDelete is { } onDelete) json.WriteString("on_delete", onDelete);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteKeys(Utf8JsonWriter json, string name, IEnumerable<KeySchema> keys)
    {
        json.WriteStartArray(name);
        foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", key.Name);
            WriteStrings(json, "columns", key.Columns);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary>Reads a snapshot; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SchemaSnapshot Parse(string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException("it is not valid JSON (" + e.Message + ")");
        }
        using (doc)
        {
            var root = Object(doc.RootElement, "the document");
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != FormatVersion)
                throw new FormatException($"unsupported snapshot version (this lspgen reads version {FormatVersion})");
            var tables = Array(root, "tables").Select(ReadTable).ToList();
            return new SchemaSnapshot(String(root, "head"), Strings(root, "revisions"), tables);
        }
    }

    private static TableSchema ReadTable(JsonElement t)
    {
        Object(t, "a table");
        var pk = Object(Property(t, "primary_key"), "primary_key");
        return new TableSchema(
            String(t, "name"),
            t.TryGetProperty("entity", out var entity) && entity.ValueKind == JsonValueKind.String ? entity.GetString() : null,
            new KeySchema(String(pk, "name"), Strings(pk, "columns")),
            Array(t, "columns").Select(ReadColumn).ToList(),
            Array(t, "unique_constraints").Select(u => new KeySchema(String(u, "name"), Strings(u, "columns"))).ToList(),
            Array(t, "indexes").Select(i => new KeySchema(String(i, "name"), Strings(i, "columns"))).ToList(),
            Array(t, "foreign_keys").Select(f => new ForeignKeySchema(
                String(f, "name"), Strings(f, "columns"), String(f, "references_table"), Strings(f, "references_columns"),
                f.TryGetProperty("on_delete", out var od) && od.ValueKind == JsonValueKind.String ? od.GetString() : null)).ToList());
    }

    private static ColumnSchema ReadColumn(JsonElement c)
    {
        Object(c, "a column");
        ServerDefault? serverDefault = null;
        if (c.TryGetProperty("server_default", out var d))
        {
            Object(d, "server_default");
            serverDefault = d.TryGetProperty("expression", out var e) && e.ValueKind == JsonValueKind.String
                ? new ServerDefault(e.GetString()!, IsExpression: true)
                : new ServerDefault(String(d, "value"), IsExpression: false);
        }
        long? length = c.TryGetProperty("length", out var l) && l.TryGetInt64(out var n) ? n : null;
        var nullable = Property(c, "nullable");
        if (nullable.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new FormatException("\"nullable\" must be true or false");
        return new ColumnSchema(String(c, "name"), String(c, "type"), length, nullable.GetBoolean(),
            c.TryGetProperty("identity", out var id) && id.ValueKind == JsonValueKind.True, serverDefault);
    }

    private static JsonElement Object(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Object ? e : throw new FormatException(what + " must be an object");

    private static JsonElement Property(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p : throw new FormatException($"\"{name}\" is missing");

    private static string String(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.String } p ? p.GetString()! : throw new FormatException($"\"{name}\" must be a string");

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Array } p ? p.EnumerateArray() : throw new FormatException($"\"{name}\" must be an array");

    private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        Array(e, name).Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new FormatException($"\"{name}\" must hold strings")).ToList();
}

/// <summary>One table. <see cref="Entity"/> is the spec entity's class name it was generated for (null for <c>users</c>).</summary>
public sealed record TableSchema(
    string Name, string? Entity, KeySchema PrimaryKey, IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<KeySchema> Uniques, IReadOnlyList<KeySchema> Indexes, IReadOnlyList<ForeignKeySchema> ForeignKeys)
{
    public ColumnSchema? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>A column. <see cref="Type"/> is PostgreSQL's name: varchar (with <see cref="Length"/>), text, integer, double precision, boolean, timestamptz, uuid.</summary>
public sealed record ColumnSchema(string Name, string Type, long? Length, bool Nullable, bool Identity, ServerDefault? ServerDefault);

/// <summary>A column's server default: a literal value (quoted by SQLAlchemy), or an SQL expression such as <c>now()</c>.</summary>
public sealed record ServerDefault(string Text, bool IsExpression);

/// <summary>A named primary key, unique constraint or index over columns.</summary>
public sealed record KeySchema(string Name, IReadOnlyList<string> Columns);

/// <summary>A named foreign key.</summary>
public sealed record ForeignKeySchema(
    string Name, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns, string? OnDelete);
