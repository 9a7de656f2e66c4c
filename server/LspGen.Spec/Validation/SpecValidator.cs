using System.Globalization;
using System.Text.RegularExpressions;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Validation;

/// <summary>
/// The meaning of a spec: names, types, keys, references, renames (LSG005, LSG010–LSG023). Pure, linear in the
/// number of entities and fields (hash lookups; the reference cycle check is an iterative Tarjan), and
/// total: every problem is a diagnostic, values already reported by the loader (empty names and types)
/// are skipped rather than reported twice.
/// Decisions: auth is enabled unless <c>auth.enabled</c> is false (also when the block is absent);
/// a reference field must have the type of the target's primary key (uuid, or integer when the target
/// declares an integer key); entity and field names in other casing are accepted with a warning (LSG021)
/// and normalised by the compiler, while project_name and table_name must already be snake_case.
/// </summary>
public static partial class SpecValidator
{
    public const long MaxExpiryMinutes = 43200;
    public const long MaxStringLength = 10485760;

    public static IReadOnlyList<Diagnostic> Validate(SpecDocument doc)
    {
        var diagnostics = new List<Diagnostic>();
        ValidateSettings(doc, diagnostics);
        var authEnabled = doc.Auth?.Enabled?.Value ?? true;
        var entities = ValidateEntities(doc, authEnabled, diagnostics);
        ReferenceGraph.Validate(entities, authEnabled, diagnostics);
        NameCollisions.Validate(entities, authEnabled, diagnostics);
        RenameRules.Validate(doc, diagnostics);
        return diagnostics;
    }

    /// <summary>True when the compiler generates authentication for <paramref name="doc"/>.</summary>
    public static bool IsAuthEnabled(SpecDocument doc) => doc.Auth?.Enabled?.Value ?? true;

    private static void ValidateSettings(SpecDocument doc, List<Diagnostic> diagnostics)
    {
        if (doc.ProjectName is { } project)
            CheckSnakeName(project, "project_name", diagnostics);

        if (doc.Database?.Type is { } dbType && dbType.Value != "postgres")
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue, dbType.Range, "database.type",
                FormattableString.Invariant($"'{Short(dbType.Value)}' is not supported; the only database type is postgres")).WithData("replacement", "postgres"));
        if (doc.Database?.Version is { } version && !PostgresVersion().IsMatch(version.Value))
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue, version.Range, "database.version",
                FormattableString.Invariant($"'{Short(version.Value)}' is not a PostgreSQL version; write a major version such as \"16\"")));
        if (doc.Auth?.Type is { } authType && authType.Value != "jwt")
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue, authType.Range, "auth.type",
                FormattableString.Invariant($"'{Short(authType.Value)}' is not supported; the only auth type is jwt")).WithData("replacement", "jwt"));
        if (doc.Auth?.AccessTokenExpiryMinutes is { } expiry && expiry.Value is < 1 or > MaxExpiryMinutes)
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue, expiry.Range, "auth.access_token_expiry_minutes",
                FormattableString.Invariant($"{expiry.Value} is outside 1..{MaxExpiryMinutes} (30 days); 30 is a common choice")));
    }

    /// <summary>Entity-level and field-level rules; returns what the reference graph needs.</summary>
    private static List<EntityInfo> ValidateEntities(SpecDocument doc, bool authEnabled, List<Diagnostic> diagnostics)
    {
        var infos = new List<EntityInfo>();
        var byName = new Dictionary<string, EntitySpec>(StringComparer.Ordinal);
        var byTable = new Dictionary<string, EntitySpec>(StringComparer.Ordinal);
        foreach (var entity in doc.Entities)
        {
            var name = entity.Name;
            var hasName = IsWritten(name);
            var snake = hasName ? SnakeCaseOf(name.Value) : "";
            var reserved = false;
            var validName = hasName && CheckEntityName(entity, snake, authEnabled, doc.Kind, diagnostics, out reserved);

            var duplicate = validName && !byName.TryAdd(snake, entity);
            if (duplicate)
            {
                var first = byName[snake];
                diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateEntity, name.Range, Short(name.Value), Short(first.Name.Value), snake)
                    .WithRelated(new RelatedLocation(first.Name.Range, FormattableString.Invariant($"'{Short(first.Name.Value)}' is declared here"))));
            }

            // The derived table of a duplicate or reserved entity collides too; LSG010/LSG016 already say so.
            var table = (duplicate || reserved) && entity.TableName is null ? null
                : CheckTableName(entity, validName ? Naming.Pluralize(snake) : null, authEnabled, diagnostics);
            var tableTaken = table is not null && !byTable.TryAdd(table, entity);
            if (tableTaken)
            {
                var first = byTable[table!];
                var range = entity.TableName?.Range ?? name.Range;
                diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateTableName, range, table, Short(name.Value), Short(first.Name.Value))
                    .WithRelated(new RelatedLocation(first.TableName?.Range ?? first.Name.Range,
                        FormattableString.Invariant($"table '{table}' of entity '{Short(first.Name.Value)}'"))));
            }

            var primaryKey = ValidateFields(entity, diagnostics);
            if (primaryKey is null && hasName)
                diagnostics.Add(Diagnostic.Create(Descriptors.MissingPrimaryKey, name.Range, Short(name.Value)));
            infos.Add(new EntityInfo(entity, validName ? snake : null, PrimaryKeyType(primaryKey)) { TableName = tableTaken ? null : table });
        }
        return infos;
    }

    private static string PrimaryKeyType(FieldSpec? primaryKey) =>
        primaryKey?.Type.Value == FieldTypes.Integer ? FieldTypes.Integer : FieldTypes.Uuid;

    /// <summary>Reports what is wrong with an entity name; true when it is an identifier (possibly after normalisation, possibly reserved).</summary>
    private static bool CheckEntityName(EntitySpec entity, string snake, bool authEnabled, SourceKind kind, List<Diagnostic> diagnostics, out bool reserved)
    {
        reserved = false;
        var name = entity.Name;
        var pascal = Naming.ToPascalCase(name.Value);
        var problem = NameRules.CharacterProblem(name.Value);
        if (problem is null && Naming.ToSnakeCase(pascal) is var pascalSnake && pascalSnake != snake)
            problem = FormattableString.Invariant($"its casing cannot be normalised (as a class it becomes '{pascal}', which is '{pascalSnake}' in snake_case, not '{snake}')");
        if (problem is null && (NameRules.IsPythonKeyword(pascal) || NameRules.IsPythonKeyword(snake)))
            problem = "it is a Python keyword (as a class or module name)";
        if (problem is not null)
        {
            var diagnostic = Diagnostic.Create(Descriptors.InvalidIdentifier, name.Range, Short(name.Value), "entity name", problem);
            var fix = Naming.ToPascalCase(Regex.Replace(name.Value, "[^A-Za-z0-9_]+", "_"));
            diagnostics.Add(fix.Length > 0 && NameRules.CharacterProblem(fix) is null && !NameRules.IsPythonKeyword(fix) && fix != name.Value
                ? diagnostic.WithData("replacement", fix) : diagnostic);
            return false;
        }
        // A reserved entity still counts as declared (for duplicates and references): only its name is wrong.
        var route = Naming.Pluralize(snake).Replace('_', '-');
        if (NameRules.ReservedEntityNames.TryGetValue(pascal, out var why) || (authEnabled && pascal == "User")
            || NameRules.ReservedRoutes.TryGetValue(route, out why))
        {
            // A PRD has no way to switch auth off, so only the spec's advice mentions the auth block.
            why ??= kind == SourceKind.Prd
                ? "authentication generates its own 'User' model and 'users' table; rename the entity, e.g. 'Member' (or convert the PRD with 'lspgen prd2spec' and set 'auth: {enabled: false}' in the spec)"
                : "authentication is enabled and generates its own 'User' model and 'users' table (set 'auth: {enabled: false}' or rename the entity, e.g. 'Member')";
            diagnostics.Add(Diagnostic.Create(Descriptors.ReservedName, name.Range, Short(name.Value), why));
            reserved = true;
        }
        else if (pascal != name.Value)
            diagnostics.Add(Diagnostic.Create(Descriptors.NonCanonicalName, name.Range, Short(name.Value), "PascalCase", pascal)
                .WithData("replacement", pascal));
        return true;
    }

    /// <summary>Checks an explicit table_name and the derived one; returns the effective table name, or null if unusable.</summary>
    private static string? CheckTableName(EntitySpec entity, string? derived, bool authEnabled, List<Diagnostic> diagnostics)
    {
        string table;
        SourceRange range;
        if (entity.TableName is { } explicitName)
        {
            if (!CheckSnakeName(explicitName, "table_name", diagnostics)) return null;
            (table, range) = (explicitName.Value, explicitName.Range);
        }
        else if (derived is not null)
        {
            (table, range) = (derived, entity.Name.Range);
            if (table.Length > NameRules.MaxIdentifierLength)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.InvalidIdentifier, range, Short(entity.Name.Value), "entity name",
                    FormattableString.Invariant($"its table name '{Short(table)}' is longer than {NameRules.MaxIdentifierLength} characters; shorten the name or set a shorter table_name")));
                return null;
            }
        }
        else return null;

        if (table == "alembic_version" || (authEnabled && table == "users"))
        {
            var why = table == "users"
                ? "authentication is enabled and owns the table 'users'"
                : "Alembic keeps its migration state in the table 'alembic_version'";
            diagnostics.Add(Diagnostic.Create(Descriptors.ReservedName, range, table, why));
            return null;
        }
        return table;
    }

    /// <summary>project_name and table_name are used verbatim, so they must already be snake_case.</summary>
    private static bool CheckSnakeName(Located<string> name, string what, List<Diagnostic> diagnostics)
    {
        string? problem = null;
        if (!Naming.IsSnakeCase(name.Value))
            problem = "use snake_case: lower-case letters, digits and single underscores, starting with a letter";
        else if (name.Value.Length > NameRules.MaxIdentifierLength)
            problem = FormattableString.Invariant($"it is longer than {NameRules.MaxIdentifierLength} characters");
        else if (what == "project_name" && NameRules.IsPythonKeyword(name.Value))
            problem = "it is a Python keyword";
        if (problem is null) return true;
        var diagnostic = Diagnostic.Create(Descriptors.InvalidIdentifier, name.Range, Short(name.Value), what, problem);
        var fix = Naming.ToSnakeCase(Regex.Replace(name.Value, "[^A-Za-z0-9_]+", "_"));
        if (fix.Length > NameRules.MaxIdentifierLength) fix = fix[..NameRules.MaxIdentifierLength].TrimEnd('_');
        diagnostics.Add(fix != name.Value && Naming.IsSnakeCase(fix) && !NameRules.IsPythonKeyword(fix)
            ? diagnostic.WithData("replacement", fix) : diagnostic);
        return false;
    }

    /// <summary>Field rules; returns the entity's (first) primary key field.</summary>
    private static FieldSpec? ValidateFields(EntitySpec entity, List<Diagnostic> diagnostics)
    {
        var byName = new Dictionary<string, FieldSpec>(entity.Fields.Count, StringComparer.Ordinal);
        FieldSpec? primaryKey = null;
        foreach (var field in entity.Fields)
        {
            var snake = SnakeCaseOf(field.Name.Value);
            var isPrimaryKey = field.PrimaryKey?.Value == true;
            if (IsWritten(field.Name) && CheckFieldName(field, snake, isPrimaryKey, diagnostics) && !byName.TryAdd(snake, field))
            {
                var first = byName[snake];
                diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateField, field.Name.Range, Short(field.Name.Value),
                        Short(first.Name.Value), Short(entity.Name.Value), snake)
                    .WithRelated(new RelatedLocation(first.Name.Range, FormattableString.Invariant($"'{Short(first.Name.Value)}' is declared here"))));
            }

            var type = field.Type.Value;
            var typeKnown = FieldTypes.IsCanonical(type);
            if (IsWritten(field.Type) && !typeKnown)
            {
                var replacement = FieldTypes.BestReplacement(type);
                diagnostics.Add(Diagnostic.Create(Descriptors.InvalidFieldType, field.Type.Range, Short(type),
                    FormattableString.Invariant($"Did you mean '{replacement}'? ")).WithData("replacement", replacement));
            }

            if (isPrimaryKey)
            {
                if (primaryKey is null) primaryKey = field;
                else
                    diagnostics.Add(Diagnostic.Create(Descriptors.InvalidPrimaryKey, Key(field, "primary_key", field.PrimaryKey!.Value.Range),
                            FormattableString.Invariant($"Entity '{Short(entity.Name.Value)}' already has the primary key '{Short(primaryKey.Name.Value)}'; composite keys are not supported, so keep one 'primary_key: true'"))
                        .WithRelated(new RelatedLocation(primaryKey.Name.Range, "the first primary key")));
                if (typeKnown && type is not FieldTypes.Uuid and not FieldTypes.Integer)
                    diagnostics.Add(Diagnostic.Create(Descriptors.InvalidPrimaryKey, field.Type.Range,
                        FormattableString.Invariant($"Primary key '{Short(field.Name.Value)}' has type '{type}', but a primary key must be uuid or integer")).WithData("replacement", FieldTypes.Uuid));
                if (field.Nullable is { Value: true } nullable)
                    diagnostics.Add(Diagnostic.Create(Descriptors.OptionNotValidForType, Key(field, "nullable", nullable.Range), "nullable: true",
                        "a primary key can never be null; remove 'nullable'"));
            }

            if (field.MaxLength is { } maxLength)
            {
                if (typeKnown && type != FieldTypes.String)
                    diagnostics.Add(Diagnostic.Create(Descriptors.OptionNotValidForType, Key(field, "max_length", maxLength.Range), "max_length",
                        FormattableString.Invariant($"only string fields have a maximum length, and '{Short(field.Name.Value)}' is {type}{(type == FieldTypes.Text ? " (unlimited)" : "")}; remove it")));
                else if (maxLength.Value is < 1 or > MaxStringLength)
                    diagnostics.Add(Diagnostic.Create(Descriptors.InvalidValue, maxLength.Range, "max_length",
                        FormattableString.Invariant($"{maxLength.Value} is outside 1..{MaxStringLength} (PostgreSQL's VARCHAR limit); use type text for longer values")));
            }

            if (field.Default is { } defaultValue)
            {
                if (isPrimaryKey)
                    diagnostics.Add(Diagnostic.Create(Descriptors.OptionNotValidForType, Key(field, "default", defaultValue.Range), "default",
                        "primary keys get generated values; remove the default"));
                else if (typeKnown && DefaultProblem(field, type, defaultValue.Value) is { } problem)
                    diagnostics.Add(Diagnostic.Create(Descriptors.OptionNotValidForType, defaultValue.Range, "default: " + Short(defaultValue.Value.Text), problem));
            }
        }
        return primaryKey;
    }

    private static bool CheckFieldName(FieldSpec field, string snake, bool isPrimaryKey, List<Diagnostic> diagnostics)
    {
        var name = field.Name;
        var problem = NameRules.CharacterProblem(name.Value);
        if (problem is null && NameRules.IsReservedAttributeName(snake)) problem = "it is a Python keyword";
        if (problem is null && snake.Length > NameRules.MaxIdentifierLength)
            problem = FormattableString.Invariant($"it is longer than {NameRules.MaxIdentifierLength} characters");
        if (problem is not null)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.InvalidIdentifier, name.Range, Short(name.Value), "field name", problem));
            return false;
        }

        string? why = null;
        if (snake == "id" && !isPrimaryKey)
            why = "'id' is the generated primary key of every entity without one; add 'primary_key: true' to make this the key, or rename it";
        else if (NameRules.GeneratedTimestamps.TryGetValue(snake, out var when))
        {
            if (NameRules.DeclaresGeneratedTimestamp(field))
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.GeneratedTimestamp, name.Range, snake, when));
                return true;
            }
            why = FormattableString.Invariant($"every entity gets a generated '{snake}' timestamp, set by the database {when}; declare it as 'type: datetime' with no other option (or leave it out), or rename the field");
        }
        else if (NameRules.GeneratedColumns.TryGetValue(snake, out var generated)) why = generated;
        else if (snake.StartsWith("model_", StringComparison.Ordinal)) why = "Pydantic reserves every name starting with 'model_'";
        else if (NameRules.ReservedFieldNames.TryGetValue(snake, out var reserved)) why = reserved;
        if (why is not null)
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.ReservedName, name.Range, Short(name.Value), why));
            return false;
        }

        if (snake != name.Value)
            diagnostics.Add(Diagnostic.Create(Descriptors.NonCanonicalName, name.Range, Short(name.Value), "snake_case", snake)
                .WithData("replacement", snake));
        return true;
    }

    /// <summary>Why a default does not fit the field (YAML 1.2 core schema decides what a plain scalar is), or null.</summary>
    private static string? DefaultProblem(FieldSpec field, string type, ScalarValue value)
    {
        var plain = !value.Quoted;
        var text = value.Text;
        // A null default is the same as no default (and ambiguous for text fields, where it could mean "null").
        if (plain && text is "" or "~" or "null" or "Null" or "NULL")
            return "a null default is the same as no default; remove the 'default' key";
        var isBool = plain && text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";
        var isInteger = plain && IntegerPattern().IsMatch(text);
        var isFloat = plain && FloatPattern().IsMatch(text);
        switch (type)
        {
            case FieldTypes.String or FieldTypes.Text:
                if (isBool || isFloat)
                    return FormattableString.Invariant($"YAML reads {Short(text)} as a {(isBool ? "boolean" : "number")}, but the field is {type}; quote it: \"{Short(text)}\"");
                if (text.Contains('\0'))
                    return "PostgreSQL cannot store the NUL character (\\0) in text; remove it from the default";
                var limit = field.MaxLength?.Value ?? 255;
                if (type == FieldTypes.String && text.Length > limit)
                    return FormattableString.Invariant($"the default has {text.Length} characters, more than max_length {limit}");
                return null;
            case FieldTypes.Integer:
                if (!isInteger) return "the field is integer; write a whole number without quotes, e.g. 0";
                // The column is INTEGER (4 bytes): a larger default would make every create that omits the field fail.
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? null : FormattableString.Invariant($"{Short(text)} is outside the range of an integer column ({int.MinValue} to {int.MaxValue})");
            case FieldTypes.Float:
                if (!isFloat) return "the field is float; write a number without quotes, e.g. 0.0";
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? null : FormattableString.Invariant($"{Short(text)} is outside the range of a float column (about ±1.8e308)");
            case FieldTypes.Boolean:
                return isBool ? null : "the field is boolean; write true or false without quotes";
            case FieldTypes.DateTime:
                return IsoDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                    ? null : "the field is datetime; write an ISO 8601 timestamp, e.g. \"2024-01-31T12:00:00Z\"";
            case FieldTypes.Uuid:
                return Guid.TryParseExact(text, "D", out _)
                    ? null : "the field is uuid; write a UUID such as \"00000000-0000-0000-0000-000000000000\"";
            default:
                return null;
        }
    }

    /// <summary>
    /// False for the loader's stand-in for a missing required value (empty text at an empty range; LSG004
    /// already reported it). A written empty value such as <c>name: ""</c> has a range, and is checked.
    /// </summary>
    internal static bool IsWritten(Located<string> value) => value.Value.Length > 0 || value.Range.Start != value.Range.End;

    /// <summary>The range of an option's key token when known (YAML input), else the value's range.</summary>
    internal static SourceRange Key(FieldSpec field, string key, SourceRange fallback) =>
        field.KeyRanges.TryGetValue(key, out var range) ? range : fallback;

    internal static string Short(string text) => SpecLoader.Short(text);

    /// <summary>
    /// <see cref="Naming.ToSnakeCase"/> without building a new string for a name that is snake_case
    /// already (nearly every field name), for which ToSnakeCase returns the same text.
    /// </summary>
    internal static string SnakeCaseOf(string name)
    {
        if (name.Length == 0 || name[0] is not (>= 'a' and <= 'z') || name[^1] == '_') return Naming.ToSnakeCase(name);
        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') continue;
            if (c == '_' && name[i - 1] != '_') continue;
            return Naming.ToSnakeCase(name);
        }
        return name;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    // YAML 1.2 core schema floats without .inf/.nan, which neither JSON nor the generated schemas accept.
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^[0-9]{1,2}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PostgresVersion();
}

/// <summary>What the reference checks need to know about one entity.</summary>
internal sealed record EntityInfo(EntitySpec Entity, string? SnakeName, string PrimaryKeyType)
{
    /// <summary>The entity's table, or null when it is unusable or already reported as taken.</summary>
    public string? TableName { get; init; }
}
