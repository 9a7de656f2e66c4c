using LspGen.Spec;
using LspGen.Spec.Model;

namespace LspGen.Ide;

/// <summary>The spec format as the editor features see it: which keys each level allows, and their documentation.</summary>
internal static class SpecFormat
{
    public static IReadOnlyList<SpecKey> KeysOf(SpecLevel level) => level switch
    {
        SpecLevel.Top => SpecKeys.TopLevel,
        SpecLevel.Database => SpecKeys.Database,
        SpecLevel.Auth => SpecKeys.Auth,
        SpecLevel.Entity => SpecKeys.Entity,
        SpecLevel.Field => SpecKeys.Field,
        SpecLevel.UserStory => SpecKeys.UserStory,
        SpecLevel.Integration => SpecKeys.Integration,
        _ => [],
    };

    public static SpecKey? Find(SpecLevel level, string key) => KeysOf(level).FirstOrDefault(k => k.Name == key);

    /// <summary>"a field", "the database block" …: where a key is allowed, for documentation.</summary>
    public static string Describe(SpecLevel level) => level switch
    {
        SpecLevel.Top => "top level",
        SpecLevel.Database => "database",
        SpecLevel.Auth => "auth",
        SpecLevel.Entity => "entity",
        SpecLevel.Field => "field",
        SpecLevel.UserStory => "user story",
        SpecLevel.Integration => "integration",
        _ => "unknown",
    };

    /// <summary>Markdown documentation of a key: name, where, required or optional, the text, an example.</summary>
    public static string KeyMarkdown(SpecLevel level, SpecKey key) =>
        $"**{key.Name}** ({Describe(level)}, {(key.Required ? "required" : "optional")})\n\n{key.Documentation}\n\nExample: `{key.Name}: {key.Example}`";

    public static string TypeMarkdown(FieldTypeInfo type) => $"**{type.Name}** (field type)\n\n{type.Documentation}";

    /// <summary>The closed set of values a key takes, or null when its value is free.</summary>
    public static IReadOnlyList<(string Value, string Documentation)>? ValuesOf(SpecLevel level, string key) => (level, key) switch
    {
        (SpecLevel.Top, "spec_version") => [("\"1.0\"", "Spec format 1.0, the only version (quoted, so YAML keeps it as text).")],
        (SpecLevel.Database, "type") => [("postgres", "PostgreSQL, the only supported database.")],
        (SpecLevel.Database, "version") => [("\"16\"", "PostgreSQL 16 (the default)."), ("\"17\"", "PostgreSQL 17.")],
        (SpecLevel.Auth, "type") => [("jwt", "JSON Web Tokens (bearer header or httpOnly cookie), the only auth type.")],
        _ when SpecFormat.Find(level, key) is { Kind: SpecValueKind.Boolean } => Booleans(level, key),
        _ => null,
    };

    private static IReadOnlyList<(string, string)> Booleans(SpecLevel level, string key)
    {
        var doc = Find(level, key)!.Documentation;
        return [("true", doc), ("false", doc)];
    }

    public static string TypeChoice => string.Join(",", FieldTypes.Names);
}
