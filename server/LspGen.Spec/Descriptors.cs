using LspGen.Spec.Diagnostics;

namespace LspGen.Spec;

/// <summary>
/// Every diagnostic LspGen reports, defined once. The codes are a public contract: never renumber,
/// never reuse; each one has a section in docs/diagnostics.md. Messages say what is wrong and what to do.
/// </summary>
public static class Descriptors
{
    // Syntax (Syntax/YamlSyntax.cs)
    public static readonly DiagnosticDescriptor SyntaxError = new("LSG001", "YAML syntax error",
        "YAML syntax error: {0}", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateKey = new("LSG007", "Duplicate key",
        "Key '{0}' is already set earlier in this mapping; remove one of the two", Severity.Error);
    public static readonly DiagnosticDescriptor AliasNotSupported = new("LSG008", "YAML alias not supported",
        "YAML aliases ('*{0}') are not supported in a spec; write the value out instead", Severity.Error);

    // Structure (Model/SpecLoader.cs)
    public static readonly DiagnosticDescriptor UnknownKey = new("LSG002", "Unknown key",
        "Unknown key '{0}' in {1}.{2}", Severity.Error);
    public static readonly DiagnosticDescriptor WrongValueKind = new("LSG003", "Wrong value kind",
        "{0} must be {1}, but this is {2}{3}", Severity.Error);
    public static readonly DiagnosticDescriptor MissingKey = new("LSG004", "Missing required key",
        "Missing required key '{0}' in {1}: add '{0}: {2}'", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidValue = new("LSG005", "Invalid value",
        "Invalid value for '{0}': {1}", Severity.Error);
    public static readonly DiagnosticDescriptor UnsupportedSpecVersion = new("LSG006", "Missing or unsupported spec_version",
        "{0}; write spec_version: \"1.0\" (the only supported version)", Severity.Error);

    // Meaning (Validation/)
    public static readonly DiagnosticDescriptor DuplicateEntity = new("LSG010", "Duplicate entity",
        "Entity '{0}' collides with entity '{1}' declared earlier (both become '{2}'); rename one of them", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateField = new("LSG011", "Duplicate field",
        "Field '{0}' collides with field '{1}' declared earlier in entity '{2}' (both become '{3}'); rename one of them", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidFieldType = new("LSG012", "Invalid field type",
        "Unknown field type '{0}'. {1}Allowed types: string, integer, float, boolean, datetime, uuid, text", Severity.Error);
    public static readonly DiagnosticDescriptor MissingPrimaryKey = new("LSG013", "Missing primary key",
        "Entity '{0}' has no primary key, so 'id: uuid' will be added as its primary key; mark a field with 'primary_key: true' to choose your own", Severity.Warning);
    public static readonly DiagnosticDescriptor InvalidPrimaryKey = new("LSG014", "Several primary keys or invalid primary key type",
        "{0}", Severity.Error);
    public static readonly DiagnosticDescriptor InvalidIdentifier = new("LSG015", "Invalid identifier",
        "'{0}' is not a valid {1}: {2}", Severity.Error);
    public static readonly DiagnosticDescriptor ReservedName = new("LSG016", "Reserved or colliding name",
        "'{0}' is reserved: {1}; rename it", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateTableName = new("LSG017", "Duplicate table name",
        "Table '{0}' of entity '{1}' is already the table of entity '{2}'; set a different table_name", Severity.Error);
    public static readonly DiagnosticDescriptor UnknownEntityReference = new("LSG018", "Reference to unknown entity",
        "Field '{0}' references entity '{1}', which is not declared{2}", Severity.Error);
    public static readonly DiagnosticDescriptor ReferenceCycle = new("LSG019", "Cycle of non-nullable references",
        "Entities {0} reference each other through non-nullable fields, so no row could ever be inserted first; make one of these references 'nullable: true'", Severity.Error);
    public static readonly DiagnosticDescriptor OptionNotValidForType = new("LSG020", "Option not valid for the type",
        "'{0}' is not valid here: {1}", Severity.Error);
    public static readonly DiagnosticDescriptor NonCanonicalName = new("LSG021", "Non-canonical name",
        "'{0}' is not {1}; it will be generated as '{2}' – rename it to '{2}'", Severity.Warning);
    public static readonly DiagnosticDescriptor InvalidRenamedFrom = new("LSG022", "Invalid renamed_from",
        "renamed_from '{0}' cannot be used here: {1}", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateRenamedFrom = new("LSG023", "Two items renamed from the same name",
        "The {0} '{1}' is renamed from '{2}', but '{3}' already is; only one {0} can take over the old name, so remove one of the two renamed_from", Severity.Error);
    public static readonly DiagnosticDescriptor GeneratedTimestamp = new("LSG024", "Declared generated timestamp",
        "'{0}' is the generated timestamp: every row gets it, set by the database ({1}), so this declaration only documents it", Severity.Information);
    public static readonly DiagnosticDescriptor DuplicateRelationName = new("LSG025", "Two database objects with the same name",
        "'{0}' would name both {1} and {2}: PostgreSQL keeps tables, indexes, unique constraints and sequences in one namespace per schema, so rename the field or entity, or set another table_name", Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateRoute = new("LSG026", "Two entities with the same route",
        "Entity '{0}' would be served at '/{1}', like entity '{2}': two routers cannot share a path, so rename one of them", Severity.Error);

    // Migration impact (LspGen.Ide/MigrationImpacts.cs): reported by the editor and `lspgen plan` only when
    // the output folder has a schema snapshot (.lspgen-schema.json); the message is the planner's sentence.
    public static readonly DiagnosticDescriptor MigrationChange = new("LSG030", "Migration adds or renames",
        "{0}", Severity.Information);
    public static readonly DiagnosticDescriptor MigrationLosesData = new("LSG031", "Migration drops or narrows data",
        "{0}", Severity.Warning);
    public static readonly DiagnosticDescriptor MigrationUnsafe = new("LSG032", "Migration cannot run on existing rows",
        "{0}", Severity.Error);
    public static readonly DiagnosticDescriptor RenameCandidate = new("LSG033", "Possible rename",
        "'{0}' is added and '{1}' is dropped in entity '{2}', with the same type: if '{0}' is '{1}' renamed, add 'renamed_from: {1}' to keep its values", Severity.Hint);
    public static readonly DiagnosticDescriptor StaleRenamedFrom = new("LSG034", "renamed_from not needed",
        "renamed_from '{0}' is not needed: the database has no {1} '{0}' (the rename is already migrated, or it never existed); remove it", Severity.Hint);

    // PRD markdown only (Prd/PrdParser.cs); ranges point into the markdown.
    public static readonly DiagnosticDescriptor NoEntitySection = new("LSG101", "No entity section found",
        "{0}; add a section such as '## Entities' with one bullet per entity, e.g. '- Project: name (string, required)'", Severity.Error);
    public static readonly DiagnosticDescriptor UnparseableField = new("LSG102", "Unparseable field declaration",
        "Cannot read the field declaration '{0}': {1}; write it as 'name (type, modifiers)' or 'name: type (modifiers)'", Severity.Error);
    public static readonly DiagnosticDescriptor IgnoredLine = new("LSG103", "Line not understood, ignored",
        "{0} not understood, ignored{1}", Severity.Information);
    public static readonly DiagnosticDescriptor TypeAlias = new("LSG104", "Type alias used",
        "'{0}' is read as the type '{1}'; write '{1}' to say so", Severity.Warning);
    public static readonly DiagnosticDescriptor NameNormalised = new("LSG105", "Name normalised",
        "The {0} '{1}' is read as '{2}'; write '{2}' to say so", Severity.Warning);
    public static readonly DiagnosticDescriptor UnknownModifier = new("LSG106", "Unknown field modifier",
        "'{0}' is not a field modifier and is ignored{1}; modifiers are required, optional, unique, non-unique, indexed, primary key, max length N", Severity.Warning);

    /// <summary>Every descriptor, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        SyntaxError, UnknownKey, WrongValueKind, MissingKey, InvalidValue, UnsupportedSpecVersion, DuplicateKey,
        AliasNotSupported, DuplicateEntity, DuplicateField, InvalidFieldType, MissingPrimaryKey, InvalidPrimaryKey,
        InvalidIdentifier, ReservedName, DuplicateTableName, UnknownEntityReference, ReferenceCycle,
        OptionNotValidForType, NonCanonicalName, InvalidRenamedFrom, DuplicateRenamedFrom, GeneratedTimestamp,
        DuplicateRelationName, DuplicateRoute,
        MigrationChange, MigrationLosesData, MigrationUnsafe, RenameCandidate, StaleRenamedFrom,
        NoEntitySection, UnparseableField, IgnoredLine, TypeAlias, NameNormalised, UnknownModifier,
    ];

    /// <summary>The descriptor with code <paramref name="id"/> ("LSG012"), or null.</summary>
    public static DiagnosticDescriptor? Find(string id) => All.FirstOrDefault(d => d.Id == id);
}
