using System.Globalization;
using LspGen.Spec.Diagnostics;

namespace LspGen.Drafting;

/// <summary>Why no spec was drafted; every kind says what the user can do about it.</summary>
public enum DraftFailureKind
{
    /// <summary>No usable endpoint configuration (bad URL, empty description).</summary>
    NotConfigured,
    /// <summary>The base URL or a redirect names a host that is neither loopback nor allowed.</summary>
    HostNotAllowed,
    /// <summary>Nothing answers at the base URL.</summary>
    Unreachable,
    Timeout,
    /// <summary>The endpoint answered with an HTTP error or not with a chat completion.</summary>
    HttpError,
    /// <summary>Every answer was unreadable (not one JSON object).</summary>
    InvalidAnswer,
    /// <summary>
    /// The last answer was JSON but the schema or our validator found errors; <see cref="DraftFailure.SchemaErrors"/>
    /// and <see cref="DraftFailure.Diagnostics"/> list them.
    /// </summary>
    InvalidSpec,
}

/// <summary>A failed draft: a message safe to show (never the API key) and, for an invalid spec, the schema errors and diagnostics.</summary>
public sealed record DraftFailure(DraftFailureKind Kind, string Message, IReadOnlyList<Diagnostic> Diagnostics, string? LastSpecJson)
{
    /// <summary>The JSON Schema's errors of the last answer (checked before the validator), by JSON pointer.</summary>
    public IReadOnlyList<SchemaError> SchemaErrors { get; init; } = [];

    /// <summary>"line 12, column 9: error LSG012: …" (1-based, in the indented JSON of the draft).</summary>
    public static string Describe(Diagnostic d) => string.Create(CultureInfo.InvariantCulture,
        $"line {d.Range.Start.Line + 1}, column {d.Range.Start.Character + 1}: {(d.Severity == Severity.Error ? "error" : "warning")} {d.Code}: {d.Message}");
}

/// <summary>The outcome of <see cref="SpecDrafter.DraftAsync"/>: the spec YAML (valid, with the review header) or a failure.</summary>
public sealed record DraftResult(string? SpecYaml, DraftFailure? Failure, int Attempts)
{
    public bool Succeeded => SpecYaml is not null;
}
