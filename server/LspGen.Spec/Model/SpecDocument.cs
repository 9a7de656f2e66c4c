using LspGen.Spec.Syntax;

namespace LspGen.Spec.Model;

// The spec as the user wrote it (stage contract between the front ends and the validator/enricher).
// Nothing here is defaulted or normalised: a missing key is null, names keep the user's casing,
// types keep the user's spelling (e.g. "int"). Defaults and derived names belong to the enrich stage.
// Every value carries the source range it came from, so diagnostics and the editor can point at it.

/// <summary>Which front end produced a <see cref="SpecDocument"/>.</summary>
public enum SourceKind { Yaml, Prd }

/// <summary>A whole spec: project settings and entities, with source ranges.</summary>
public sealed record SpecDocument(
    SourceKind Kind,
    Located<string>? SpecVersion,
    Located<string>? ProjectName,
    Located<string>? Description,
    DatabaseSpec? Database,
    AuthSpec? Auth,
    IReadOnlyList<EntitySpec> Entities,
    IReadOnlyList<UserStorySpec> UserStories,
    IReadOnlyList<IntegrationSpec> Integrations,
    /// <summary>The range of the whole document (used for document-level diagnostics).</summary>
    SourceRange Range)
{
    public static SpecDocument Empty(SourceKind kind, SourceRange range) =>
        new(kind, null, null, null, null, null, [], [], [], range);

    /// <summary>The range of each key token written in this mapping ("name" → the range of <c>name</c>); for diagnostics on an option and for the editor.</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;
}

/// <summary>The optional <c>database:</c> block.</summary>
public sealed record DatabaseSpec(Located<string>? Type, Located<string>? Version, SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;
}

/// <summary>The optional <c>auth:</c> block.</summary>
public sealed record AuthSpec(
    Located<bool>? Enabled,
    Located<string>? Type,
    Located<long>? AccessTokenExpiryMinutes,
    SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;
}

/// <summary>One item of <c>entities:</c>. <see cref="Range"/> covers the whole item.</summary>
public sealed record EntitySpec(
    Located<string> Name,
    Located<string>? TableName,
    Located<bool>? Crud,
    Located<string>? Description,
    IReadOnlyList<FieldSpec> Fields,
    SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;

    /// <summary><c>renamed_from</c>: the entity's previous name, so the migration renames its table instead of dropping it.</summary>
    public Located<string>? RenamedFrom { get; init; }
}

/// <summary>One item of an entity's <c>fields:</c>. <see cref="Range"/> covers the whole item.</summary>
public sealed record FieldSpec(
    Located<string> Name,
    /// <summary>The type exactly as written ("integer", "int", "Project" in a PRD …).</summary>
    Located<string> Type,
    Located<bool>? PrimaryKey,
    Located<bool>? Nullable,
    Located<bool>? Unique,
    Located<bool>? Index,
    Located<long>? MaxLength,
    Located<ScalarValue>? Default,
    Located<string>? References,
    Located<string>? Description,
    SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;

    /// <summary><c>renamed_from</c>: the field's previous name, so the migration renames its column instead of dropping it.</summary>
    public Located<string>? RenamedFrom { get; init; }
}

/// <summary>A scalar as written: its text and whether it was quoted (a quoted "1" is a string, not a number).</summary>
public sealed record ScalarValue(string Text, bool Quoted);

/// <summary>"As a role, I want goal so that benefit." (from PRDs, or <c>user_stories:</c> in a spec).</summary>
public sealed record UserStorySpec(Located<string> Role, Located<string> Goal, Located<string>? Benefit, SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;
}

/// <summary>An external service the project talks to (from PRDs, or <c>integrations:</c> in a spec).</summary>
public sealed record IntegrationSpec(Located<string> Name, Located<string>? Purpose, SourceRange Range)
{
    /// <summary>The range of each key token written here (see <see cref="KeyRangeMap"/>).</summary>
    public IReadOnlyDictionary<string, SourceRange> KeyRanges { get; init; } = KeyRangeMap.None;
}

/// <summary>
/// Key-token ranges of a loaded mapping ("max_length" → where that key is written). Empty for specs that
/// were not loaded from YAML (e.g. from a PRD); consumers fall back to the value or item range.
/// </summary>
public static class KeyRangeMap
{
    public static IReadOnlyDictionary<string, SourceRange> None { get; } = new Dictionary<string, SourceRange>(StringComparer.Ordinal);
}
