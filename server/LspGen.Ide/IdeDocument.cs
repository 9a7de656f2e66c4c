using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Incremental;
using LspGen.Spec.Model;
using LspGen.Spec.Prd;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Which front end a document goes through; every feature checks it before reading the YAML tree.</summary>
public enum DocumentKind
{
    /// <summary>A spec.yaml (YAML or JSON).</summary>
    Spec,

    /// <summary>
    /// A PRD (markdown), analysed by the PRD front end (<see cref="IdeDocument.CreatePrd"/>). Its diagnostics
    /// are reported; the spec features answer nothing for PRDs (PRD completion is a feature of its own).
    /// </summary>
    Prd,
}

/// <summary>
/// One version of an open document, analysed once: the text, its syntax tree, the spec model and the
/// diagnostics. Immutable, so every feature can read it from any thread; the language server creates
/// one per change and throws the old one away.
/// </summary>
public sealed class IdeDocument
{
    private readonly Lazy<SpecOutline> _outline;
    private readonly Lazy<IReadOnlyList<string>> _entityNames;

    // The analysed spec the next version is computed from (null for PRDs).
    private readonly AnalyzedSpec? _analyzed;

    private IdeDocument(string text, DocumentKind kind, SyntaxTree tree, SpecAnalysis analysis, AnalyzedSpec? analyzed = null)
    {
        _analyzed = analyzed;
        Text = text;
        Kind = kind;
        Tree = tree;
        Analysis = analysis;
        _outline = new Lazy<SpecOutline>(() => SpecOutline.Of(Tree), LazyThreadSafetyMode.ExecutionAndPublication);
        // The tree has every name when it parsed to the end; only a broken text needs the line scan.
        _entityNames = new Lazy<IReadOnlyList<string>>(
            () => Tree.HasSyntaxErrors ? CaretContext.EntityNamesIn(this) : [.. Outline.Entities.Select(e => e.Name?.Value).OfType<string>()],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Parses and analyses a spec (one parse; never throws).</summary>
    public static IdeDocument Create(string text) => Of(IncrementalAnalyzer.Analyze(text));

    /// <summary>
    /// The next version of a spec: <paramref name="text"/> analysed from <paramref name="previous"/>, so
    /// an edit inside one entity re-parses only that entity (<see cref="IncrementalAnalyzer"/>). The result
    /// is the one <see cref="Create"/> gives; a PRD as <paramref name="previous"/> means a full analysis.
    /// </summary>
    public static IdeDocument Update(IdeDocument previous, string text) =>
        previous._analyzed is { } analyzed ? Of(IncrementalAnalyzer.Reanalyze(analyzed, text)) : Create(text);

    private static IdeDocument Of(AnalyzedSpec analyzed) =>
        new(analyzed.Text, DocumentKind.Spec, analyzed.Tree, analyzed.Analysis, analyzed);

    /// <summary>Whether this version was computed by re-parsing one entity block (for tests and measurements).</summary>
    public bool WasIncremental => _analyzed?.Path == AnalysisPath.Incremental;

    /// <summary>
    /// Analyses a PRD (markdown) with the PRD front end. Its diagnostics are the PRD's; the YAML features
    /// (completion, hover, fixes, outline …) answer nothing for it until PRD-specific ones exist.
    /// </summary>
    public static IdeDocument CreatePrd(string markdown, string? fileName)
    {
        var noYaml = new SyntaxTree(markdown, null, [], new LineMap(markdown));
        return new IdeDocument(markdown, DocumentKind.Prd, noYaml, PrdAnalyzer.Analyze(markdown, fileName));
    }

    public string Text { get; }
    public DocumentKind Kind { get; }
    public SyntaxTree Tree { get; }
    public SpecAnalysis Analysis { get; }
    public LineMap Lines => Tree.Lines;

    /// <summary>The spec as written (partial when the text is broken).</summary>
    public SpecDocument Spec => Analysis.Document;

    /// <summary>Feature 1: everything the front end and the validator report, in document order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => Analysis.Diagnostics;

    /// <summary>Entities and fields as syntax nodes (for edits that must keep quotes and layout).</summary>
    internal SpecOutline Outline => _outline.Value;

    /// <summary>Entity names read from the raw lines, so also those below a syntax error (for completion after references:).</summary>
    internal IReadOnlyList<string> EntityNamesInText => _entityNames.Value;

    /// <summary>The text of <paramref name="line"/> without its line break ("" outside the document).</summary>
    public string LineText(int line)
    {
        if (line < 0 || line >= Lines.LineCount) return "";
        var start = Lines.OffsetAt(new Position(line, 0));
        return Text[start..Lines.LineEndOffset(line)];
    }

    /// <summary>The position at the end of <paramref name="line"/> (before its line break).</summary>
    public Position EndOfLine(int line) => Lines.PositionAt(Lines.LineEndOffset(Math.Clamp(line, 0, Lines.LineCount - 1)));

    /// <summary>Clamps a position a client sent to the text (clients may lag behind by a keystroke).</summary>
    public Position Clamp(Position position) => Lines.PositionAt(Lines.OffsetAt(position));
}
