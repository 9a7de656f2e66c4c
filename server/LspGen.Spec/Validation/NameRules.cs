namespace LspGen.Spec.Validation;

/// <summary>
/// Which names a spec may use. Entity names become Python classes (PascalCase), modules and tables
/// (snake_case); field names become columns and attributes of SQLAlchemy and Pydantic classes, where a
/// name shadowing an import or a base-class member breaks the generated code.
/// </summary>
public static class NameRules
{
    /// <summary>PostgreSQL truncates identifiers longer than this, so two long names could silently become one.</summary>
    public const int MaxIdentifierLength = 63;

    public static IReadOnlySet<string> PythonKeywords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>
    /// Soft keywords are keywords only in their own statements (`match`, `case`, `type X = …`) and legal
    /// identifiers everywhere else, so a field may use them ("type" is one of the commonest field names).
    /// They stay off-limits for entity and project names, which become module names.
    /// </summary>
    public static IReadOnlySet<string> PythonSoftKeywords { get; } = new HashSet<string>(StringComparer.Ordinal) { "match", "case", "type", "_" };

    /// <summary>A keyword or soft keyword: not usable as a module or class name.</summary>
    public static bool IsPythonKeyword(string name) => PythonKeywords.Contains(name) || PythonSoftKeywords.Contains(name);

    /// <summary>A name no Python attribute can have: a hard keyword, or "_" (Pydantic ignores underscore names).</summary>
    public static bool IsReservedAttributeName(string name) => PythonKeywords.Contains(name) || name == "_";

    /// <summary>
    /// The generated timestamps, with when the database sets them. A field declared with one of these
    /// names, of type datetime and with no other option, is that timestamp (LSG024), not a second column.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GeneratedTimestamps { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created_at"] = "when the row is inserted",
        ["updated_at"] = "when the row is inserted, and again on every update",
    };

    /// <summary>True for a field that declares a generated timestamp as it is generated (see <see cref="GeneratedTimestamps"/>).</summary>
    public static bool DeclaresGeneratedTimestamp(Model.FieldSpec field) =>
        GeneratedTimestamps.ContainsKey(Naming.ToSnakeCase(field.Name.Value))
        && string.Equals(field.Type.Value.Trim(), FieldTypes.DateTime, StringComparison.OrdinalIgnoreCase)
        && field.PrimaryKey is null && field.Nullable is not { Value: true } && field.Unique is null && field.Default is null
        && field.Index is null && field.References is null && field.MaxLength is null && field.RenamedFrom is null;

    /// <summary>Columns every generated table has; the spec cannot declare them (the reason is the value).</summary>
    public static IReadOnlyDictionary<string, string> GeneratedColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created_at"] = "every entity gets a generated 'created_at' timestamp",
        ["updated_at"] = "every entity gets a generated 'updated_at' timestamp",
        ["user_id"] = "every row gets a generated 'user_id' owner column when auth is enabled, so the name is kept free",
    };

    /// <summary>Field names that clash with SQLAlchemy/Pydantic class members or with names the generated modules use.</summary>
    public static IReadOnlyDictionary<string, string> ReservedFieldNames { get; } = BuildReservedFieldNames();

    private static Dictionary<string, string> BuildReservedFieldNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in new[] { "metadata", "registry", "query", "session" })
            names[n] = "SQLAlchemy uses this attribute on every model class";
        foreach (var n in new[] { "model_config", "model_fields", "model_computed_fields", "dict", "json", "copy", "construct",
                     "validate", "schema", "schema_json", "parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs", "fields" })
            names.TryAdd(n, "Pydantic uses this name on every schema class");
        foreach (var n in new[] { "datetime", "date", "timezone", "uuid", "decimal", "enum", "typing",
                     "list", "str", "int", "float", "bool", "bytes", "object", "self", "cls", "sa", "select", "func",
                     "mapped_column", "relationship", "field_validator", "classmethod", "staticmethod", "property" })
            names.TryAdd(n, "the generated code uses this Python name, and a field of that name would shadow it");
        return names;
    }

    /// <summary>Entity names (PascalCase) that clash with classes or modules of the generated project.</summary>
    public static IReadOnlyDictionary<string, string> ReservedEntityNames { get; } = BuildReservedEntityNames();

    private static Dictionary<string, string> BuildReservedEntityNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Base"] = "the generated models derive from the SQLAlchemy class 'Base'",
            ["Settings"] = "the generated configuration class is 'Settings'",
            ["Health"] = "the generated health endpoints use the name 'health'",
            ["Auth"] = "the generated authentication module, router and tests use the name 'auth'",
            ["Token"] = "the generated authentication schemas include 'Token'",
            ["Config"] = "the generated configuration module is 'config'",
            ["Database"] = "the generated database module is 'database'",
            ["Main"] = "the generated application module is 'main'",
        };
        foreach (var n in new[] { "Any", "Optional", "Annotated", "Field", "Mapped", "UUID", "Session", "DateTime", "Date",
                     "Decimal", "Enum", "List", "Dict", "BaseModel", "ConfigDict", "DeclarativeBase", "APIRouter", "Depends",
                     "HTTPException", "Query", "Request", "Response", "FastAPI", "Path", "Body", "Cookie", "Header", "Status",
                     "Select", "Func", "Exception", "Object", "Type", "TimestampMixin", "CurrentUser", "DbSession",
                     "SessionLocal", "BaseSettings", "SettingsConfigDict" })
            names.TryAdd(n, "the generated code imports or uses this Python name");
        return names;
    }

    /// <summary>Paths the generated app serves itself; an entity's route (/ + its plural) must not take one.</summary>
    public static IReadOnlyDictionary<string, string> ReservedRoutes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["docs"] = "its route /docs is FastAPI's interactive API documentation",
        ["redoc"] = "its route /redoc is FastAPI's ReDoc documentation",
        ["health"] = "its route /health is the generated liveness check",
        ["ready"] = "its route /ready is the generated readiness check",
        ["auth"] = "its route /auth is the generated authentication API",
    };

    /// <summary>What is wrong with the characters of an entity or field name, or null if they are fine.</summary>
    public static string? CharacterProblem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (!char.IsAsciiLetter(name[0])) return "it must start with a letter (a-z, A-Z)";
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return FormattableString.Invariant($"the character '{c}' is not allowed; use letters, digits and underscores");
        }
        return null;
    }
}
