using System.Globalization;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Diagnostics;

/// <summary>How bad a diagnostic is; the numbering matches LSP's DiagnosticSeverity.</summary>
public enum Severity { Error = 1, Warning = 2, Information = 3, Hint = 4 }

/// <summary>
/// One kind of diagnostic, defined once (see <see cref="Descriptors"/>): the CLI, the language server
/// and docs/diagnostics.md all read the same table.
/// </summary>
public sealed record DiagnosticDescriptor(string Id, string Title, string MessageFormat, Severity DefaultSeverity)
{
    /// <summary>Anchor of this code's section in docs/diagnostics.md.</summary>
    public string HelpAnchor => Id.ToLowerInvariant();

    public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}

/// <summary>Another place that matters for a diagnostic (e.g. the first declaration of a duplicate).</summary>
public sealed record RelatedLocation(SourceRange Range, string Message);

/// <summary>A problem found in a spec or PRD, at an exact source range.</summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    SourceRange Range,
    string Message,
    IReadOnlyList<RelatedLocation> Related,
    /// <summary>Machine-readable hints for quick fixes, e.g. {"replacement": "integer"} for LSG012.</summary>
    IReadOnlyDictionary<string, string> Data)
{
    public string Code => Descriptor.Id;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceRange range, params object?[] args) =>
        new(descriptor, descriptor.DefaultSeverity, range, descriptor.Format(args), [], EmptyData);

    public Diagnostic WithRelated(params RelatedLocation[] related) => this with { Related = [.. Related, .. related] };

    public Diagnostic WithData(string key, string value) =>
        this with { Data = new SortedDictionary<string, string>(Data.ToDictionary(), StringComparer.Ordinal) { [key] = value } };

    public Diagnostic WithSeverity(Severity severity) => this with { Severity = severity };

    private static readonly IReadOnlyDictionary<string, string> EmptyData = new SortedDictionary<string, string>(StringComparer.Ordinal);
}
