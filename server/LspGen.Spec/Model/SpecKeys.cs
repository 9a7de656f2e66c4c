namespace LspGen.Spec.Model;

/// <summary>What a key's value must be.</summary>
public enum SpecValueKind { String, Boolean, Integer, Scalar, Mapping, List }

/// <summary>One key the spec format allows at some level, with the one-line documentation the editor shows.</summary>
public sealed record SpecKey(string Name, SpecValueKind Kind, bool Required, string Example, string Documentation);

/// <summary>
/// The keys of spec format 1.0, level by level: the loader checks against these tables (unknown and
/// missing keys) and the language server offers them in completion and hover.
/// </summary>
public static class SpecKeys
{
    public static IReadOnlyList<SpecKey> TopLevel { get; } =
    [
        new("spec_version", SpecValueKind.String, true, "\"1.0\"", "Version of the spec format; only \"1.0\" is supported (quote it)."),
        new("project_name", SpecValueKind.String, true, "my_project", "Name of the generated project: snake_case, at most 63 characters."),
        new("description", SpecValueKind.String, false, "What the backend is for", "Free text; used in the generated README and OpenAPI description."),
        new("database", SpecValueKind.Mapping, false, "{type: postgres}", "Database settings; only PostgreSQL is supported."),
        new("auth", SpecValueKind.Mapping, false, "{enabled: true}", "JWT authentication; enabled unless 'enabled: false'. When enabled every row belongs to a user."),
        new("entities", SpecValueKind.List, true, "[]", "The data model: at least one entity, each with fields."),
        new("user_stories", SpecValueKind.List, false, "[]", "Optional user stories ({role, goal, benefit}); documentation in the generated ARCHITECTURE.md."),
        new("integrations", SpecValueKind.List, false, "[]", "Optional external services ({name, purpose}); documentation in the generated ARCHITECTURE.md."),
    ];

    public static IReadOnlyList<SpecKey> Database { get; } =
    [
        new("type", SpecValueKind.String, false, "postgres", "Database engine; only 'postgres' is supported."),
        new("version", SpecValueKind.String, false, "\"16\"", "PostgreSQL major version used by docker-compose (default \"16\")."),
    ];

    public static IReadOnlyList<SpecKey> Auth { get; } =
    [
        new("enabled", SpecValueKind.Boolean, false, "true", "Whether to generate JWT authentication (default true)."),
        new("type", SpecValueKind.String, false, "jwt", "Authentication kind; only 'jwt' is supported."),
        new("access_token_expiry_minutes", SpecValueKind.Integer, false, "30", "Lifetime of an access token in minutes, 1..43200 (default 30)."),
    ];

    public static IReadOnlyList<SpecKey> Entity { get; } =
    [
        new("name", SpecValueKind.String, true, "Project", "Entity name in PascalCase; the model class name."),
        new("table_name", SpecValueKind.String, false, "projects", "Database table name in snake_case (default: plural of the snake_case name)."),
        new("crud", SpecValueKind.Boolean, false, "true", "Whether to generate the REST endpoints for this entity (default true)."),
        new("renamed_from", SpecValueKind.String, false, "OldName", "The entity's previous name: the next migration renames its table (keeping the rows) instead of dropping it and creating a new one."),
        new("description", SpecValueKind.String, false, "What this entity is", "Free text; used in docstrings and OpenAPI."),
        new("fields", SpecValueKind.List, true, "[]", "The entity's fields; a primary key 'id: uuid' is added when none is marked."),
    ];

    public static IReadOnlyList<SpecKey> Field { get; } =
    [
        new("name", SpecValueKind.String, true, "title", "Field name in snake_case; the column and attribute name."),
        new("type", SpecValueKind.String, true, "string", "One of string, integer, float, boolean, datetime, uuid, text."),
        new("primary_key", SpecValueKind.Boolean, false, "true", "Marks the primary key (uuid or integer; at most one per entity)."),
        new("nullable", SpecValueKind.Boolean, false, "false", "Whether the value may be missing (default true; false for primary keys)."),
        new("unique", SpecValueKind.Boolean, false, "true", "Adds a unique constraint (default false)."),
        new("index", SpecValueKind.Boolean, false, "true", "Adds a database index (default false; foreign keys are always indexed)."),
        new("max_length", SpecValueKind.Integer, false, "200", "Maximum length of a string field, 1..10485760 (default 255)."),
        new("default", SpecValueKind.Scalar, false, "…", "Default value, a scalar of the field's type."),
        new("references", SpecValueKind.String, false, "Project", "Makes this field a foreign key to that entity's primary key (same type as that key)."),
        new("renamed_from", SpecValueKind.String, false, "old_name", "The field's previous name: the next migration renames its column (keeping the values) instead of dropping it and adding a new one."),
        new("description", SpecValueKind.String, false, "What this field holds", "Free text; used in the OpenAPI schema."),
    ];

    public static IReadOnlyList<SpecKey> UserStory { get; } =
    [
        new("role", SpecValueKind.String, true, "project manager", "Who wants it (\"As a …\")."),
        new("goal", SpecValueKind.String, true, "create projects", "What they want (\"I want to …\")."),
        new("benefit", SpecValueKind.String, false, "work is organised", "Why (\"so that …\")."),
    ];

    public static IReadOnlyList<SpecKey> Integration { get; } =
    [
        new("name", SpecValueKind.String, true, "Stripe", "Name of the external service."),
        new("purpose", SpecValueKind.String, false, "payments", "What the project uses it for."),
    ];

    /// <summary>
    /// Keys from other schema languages (Prisma, SQL, JSON Schema, ORMs) that mean one of ours; the loader
    /// suggests the spec key for them even when the spelling is far from it ("pk" → primary_key).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = "spec_version", ["project"] = "project_name", ["models"] = "entities", ["tables"] = "entities",
        ["db"] = "database", ["authentication"] = "auth", ["stories"] = "user_stories",
        ["table"] = "table_name", ["tablename"] = "table_name", ["columns"] = "fields", ["attributes"] = "fields",
        ["properties"] = "fields", ["pk"] = "primary_key", ["primary"] = "primary_key", ["primarykey"] = "primary_key",
        ["length"] = "max_length", ["maxlength"] = "max_length", ["max_len"] = "max_length", ["size"] = "max_length",
        ["ref"] = "references", ["fk"] = "references", ["foreign_key"] = "references", ["foreignkey"] = "references",
        ["indexed"] = "index", ["default_value"] = "default", ["required"] = "nullable", ["optional"] = "nullable",
        ["desc"] = "description", ["doc"] = "description", ["comment"] = "description",
    };
}
