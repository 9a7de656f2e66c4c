using LspGen.Spec.Syntax;

namespace LspGen.Spec.Incremental;

/// <summary>How an <see cref="AnalyzedSpec"/> was computed (for tests and measurements; the result is the same).</summary>
public enum AnalysisPath
{
    /// <summary>The whole text was parsed and analysed.</summary>
    Full,

    /// <summary>Only the edited entity block was parsed; the rest of the tree came from the previous version.</summary>
    Incremental,
}

/// <summary>
/// One version of a spec text, analysed: its syntax tree (which holds the text) and its analysis. What
/// <see cref="IncrementalAnalyzer"/> goes from and to; the entity block table the next edit needs is
/// computed from the tree on first use.
/// </summary>
public sealed class AnalyzedSpec
{
    private readonly Lazy<EntityBlocks?> _blocks;

    internal AnalyzedSpec(SyntaxTree tree, SpecAnalysis analysis, AnalysisPath path)
    {
        Tree = tree;
        Analysis = analysis;
        Path = path;
        _blocks = new Lazy<EntityBlocks?>(() => EntityBlocks.Of(tree), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Text => Tree.Text;
    public SyntaxTree Tree { get; }
    public SpecAnalysis Analysis { get; }
    public AnalysisPath Path { get; }

    /// <summary>Where the entity blocks are, or null when this text cannot be edited incrementally (broken YAML, flow style …).</summary>
    internal EntityBlocks? Blocks => _blocks.Value;
}
