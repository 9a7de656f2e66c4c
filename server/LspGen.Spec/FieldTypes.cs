namespace LspGen.Spec;

/// <summary>One canonical field type with the one-line documentation the editor shows in completion and hover.</summary>
public sealed record FieldTypeInfo(string Name, string Documentation);

/// <summary>The field types of spec format 1.0 and the best replacement for a misspelt or foreign one.</summary>
public static class FieldTypes
{
    public const string String = "string";
    public const string Integer = "integer";
    public const string Float = "float";
    public const string Boolean = "boolean";
    public const string DateTime = "datetime";
    public const string Uuid = "uuid";
    public const string Text = "text";

    public static IReadOnlyList<FieldTypeInfo> All { get; } =
    [
        new(String, "Short text up to max_length characters (default 255): VARCHAR in PostgreSQL, str in Python."),
        new(Integer, "Whole number: BIGINT-compatible INTEGER in PostgreSQL, int in Python; may be a primary key (identity)."),
        new(Float, "Floating-point number: DOUBLE PRECISION in PostgreSQL, float in Python."),
        new(Boolean, "true or false: BOOLEAN in PostgreSQL, bool in Python."),
        new(DateTime, "Point in time with time zone: TIMESTAMP WITH TIME ZONE in PostgreSQL, datetime in Python (ISO 8601 in JSON)."),
        new(Uuid, "Universally unique identifier: UUID in PostgreSQL, uuid.UUID in Python; the default primary key type and the type of references."),
        new(Text, "Unlimited text (no max_length): TEXT in PostgreSQL, str in Python."),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    public static bool IsCanonical(string type) => Names.Contains(type, StringComparer.Ordinal);

    public static FieldTypeInfo? Find(string type) => All.FirstOrDefault(t => t.Name == type);

    // Spellings from SQL, Python, TypeScript and other schema languages that mean one of our types.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = Integer, ["int4"] = Integer, ["int8"] = Integer, ["bigint"] = Integer, ["smallint"] = Integer,
        ["long"] = Integer, ["serial"] = Integer, ["bigserial"] = Integer,
        ["str"] = String, ["varchar"] = String, ["char"] = String, ["character varying"] = String, ["nvarchar"] = String,
        ["bool"] = Boolean,
        ["double"] = Float, ["decimal"] = Float, ["number"] = Float, ["real"] = Float, ["numeric"] = Float,
        ["float4"] = Float, ["float8"] = Float, ["double precision"] = Float, ["money"] = Float,
        ["timestamp"] = DateTime, ["timestamptz"] = DateTime, ["date"] = DateTime, ["time"] = DateTime,
        ["date_time"] = DateTime, ["date-time"] = DateTime,
        ["guid"] = Uuid, ["uniqueidentifier"] = Uuid,
        ["longtext"] = Text, ["mediumtext"] = Text, ["clob"] = Text, ["blob"] = Text, ["markdown"] = Text,
    };

    /// <summary>The canonical type for a canonical name in any casing or a known alias ("Int", "guid"), else null (no guessing).</summary>
    public static string? CanonicalOf(string type)
    {
        var trimmed = type.Trim();
        return Names.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? (Aliases.TryGetValue(trimmed, out var alias) ? alias : null);
    }

    /// <summary>
    /// The canonical type a user most likely meant: the type itself in other casing ("Integer"), a known
    /// alias ("int" → integer, "guid" → uuid …), else the nearest canonical name by edit distance.
    /// </summary>
    public static string BestReplacement(string typo)
    {
        var trimmed = typo.Trim();
        var exact = Names.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        if (Aliases.TryGetValue(trimmed, out var alias)) return alias;
        return Suggestions.Nearest(trimmed, Names, maxDistance: int.MaxValue) ?? String;
    }
}
