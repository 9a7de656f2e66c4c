using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Incremental;

/// <summary>
/// Re-analysis after an edit, for the editor: an edit inside one entity block re-parses only that block
/// (the YAML parse is most of a full analysis) and splices the new item into the previous tree, whose
/// other nodes are kept (moved by the lines the edit added or removed); the loader and the validator then
/// run on the spliced tree as on any tree. Everything else takes the full path. Invariant: the result is
/// the one <see cref="Analyze"/> gives for the new text — the same tree, model and diagnostics, in the same
/// order — so no consumer can tell the paths apart. Pure, and never throws.
/// </summary>
/// <remarks>
/// Why a block parsed alone is the block parsed in place: the text parsed before without a syntax error,
/// the block still starts with its dash at the same column, every other line of it is blank, a comment,
/// or indented deeper than the dash (so no line can close the list or belong to the next item), and alone
/// it parses without a syntax error to a list of exactly one item. YAML indentation then makes the item's
/// tokens independent of what surrounds the list. Any other edit (top-level keys, a dash moved, two blocks
/// touched, a new item, broken YAML, flow-style entities) is analysed in full.
/// </remarks>
public static class IncrementalAnalyzer
{
    /// <summary>A full analysis of <paramref name="text"/> (the starting point of incremental ones).</summary>
    public static AnalyzedSpec Analyze(string text)
    {
        var tree = SpecAnalyzer.Parse(text);
        return new AnalyzedSpec(tree, SpecAnalyzer.Analyze(tree), AnalysisPath.Full);
    }

    /// <summary>The analysis of <paramref name="newText"/>, reusing <paramref name="previous"/> where the texts agree.</summary>
    public static AnalyzedSpec Reanalyze(AnalyzedSpec previous, string newText) =>
        ReferenceEquals(previous.Text, newText) || previous.Text == newText
            ? previous
            : Reanalyze(previous, TextChange.Between(previous.Text, newText));

    /// <summary>The analysis of <paramref name="previous"/>'s text after <paramref name="change"/>.</summary>
    public static AnalyzedSpec Reanalyze(AnalyzedSpec previous, TextChange change)
    {
        var newText = change.ApplyTo(previous.Text);
        try
        {
            if (TrySplice(previous, change, newText) is { } tree)
                return new AnalyzedSpec(tree, SpecAnalyzer.Analyze(tree), AnalysisPath.Incremental);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug here must not cost the user anything: the full path below is always right.
        }
        return Analyze(newText);
    }

    /// <summary>The new text's tree built from the previous one and one re-parsed block, or null for the full path.</summary>
    private static SyntaxTree? TrySplice(AnalyzedSpec previous, TextChange change, string newText)
    {
        if (newText.Length > YamlSyntax.MaxLength || previous.Blocks is not { } blocks) return null;
        if (change.Start < 0 || change.End > previous.Text.Length || change.Start > change.End) return null;
        var lines = previous.Tree.Lines;
        var block = BlockAt(blocks, lines.PositionAt(change.Start).Line);
        if (block < 0) return null;
        LineMap? newLines = null;
        // Lines typed at the very start of an item's dash line usually end the item above it ("add a field").
        if (block > 0 && change.Start == lines.OffsetAt(new Position(blocks.StartLines[block], 0))
            && TrySplice(previous, blocks, block - 1, change, newText, ref newLines) is { } above)
            return above;
        return TrySplice(previous, blocks, block, change, newText, ref newLines);
    }

    private static SyntaxTree? TrySplice(AnalyzedSpec previous, EntityBlocks blocks, int block, TextChange change, string newText, ref LineMap? newLines)
    {
        var oldText = previous.Text;
        var oldLines = previous.Tree.Lines;
        var startLine = blocks.StartLines[block];
        var oldEndLine = blocks.EndLine(block);
        var atEnd = oldEndLine >= oldLines.LineCount;
        var start = oldLines.OffsetAt(new Position(startLine, 0));
        var oldEnd = atEnd ? oldText.Length : oldLines.OffsetAt(new Position(oldEndLine, 0));
        // The change must lie inside the block, and the block must still end with a line break after it
        // (unless it ends the text), so that the next block's first line is untouched and starts a line.
        if (change.Start < start || change.End > oldEnd) return null;
        var newEnd = oldEnd + change.Delta;
        if (!atEnd && (newEnd <= start || newText[newEnd - 1] is not ('\n' or '\r'))) return null;

        newLines ??= new LineMap(newText);
        var lineDelta = newLines.LineCount - oldLines.LineCount;
        var newEndLine = atEnd ? newLines.LineCount : oldEndLine + lineDelta;
        var dash = blocks.DashColumn;
        if (!EntityBlocks.IsDashLine(newText, newLines, startLine, dash)) return null;
        for (var line = startLine + 1; line < newEndLine; line++)
        {
            if (!EntityBlocks.InsideBlock(newText, newLines, line, dash)) return null;
        }

        var (root, diagnostics) = YamlSyntax.ParseRange(newText, newLines, start, newEnd, depth: 1);
        if (root is not SequenceNode { IsFlow: false, Items.Count: 1 } parsed || parsed.Range.Start != new Position(startLine, dash)
            || parsed.Items[0].Range.Start.Line != startLine || diagnostics.Any(d => d.Code == Descriptors.SyntaxError.Id))
            return null;

        return new SyntaxTree(newText, Splice(blocks, block, parsed.Items[0], lineDelta),
            SpliceDiagnostics(previous.Tree.Diagnostics, diagnostics, startLine, oldEndLine, lineDelta), newLines);
    }

    /// <summary>The block whose lines include <paramref name="line"/>, or -1.</summary>
    private static int BlockAt(EntityBlocks blocks, int line)
    {
        var index = Array.BinarySearch(blocks.StartLines, line);
        if (index < 0) index = ~index - 1;
        return index < 0 || line >= blocks.EndLine(index) ? -1 : index;
    }

    private static MappingNode Splice(EntityBlocks blocks, int block, SyntaxNode item, int lineDelta)
    {
        var old = blocks.Entities.Items;
        var items = new List<SyntaxNode>(old.Count);
        for (var i = 0; i < old.Count; i++)
            items.Add(i < block ? old[i] : i == block ? item : Shift(old[i], lineDelta));
        // Ends as the parser computes them: a block container ends where its last node ends.
        var entities = new SequenceNode(items, isFlow: false, isComplete: true, new SourceRange(blocks.Entities.Range.Start, items[^1].Range.End));

        var oldEntries = blocks.Root.Entries;
        var entries = new List<MappingEntry>(oldEntries.Count);
        for (var i = 0; i < oldEntries.Count; i++)
        {
            var entry = oldEntries[i];
            entries.Add(i < blocks.EntitiesEntry ? entry
                : i == blocks.EntitiesEntry ? new MappingEntry(entry.Key, entities)
                : new MappingEntry(Shift(entry.Key, lineDelta), entry.Value is null ? null : Shift(entry.Value, lineDelta)));
        }
        var last = entries[^1];
        var end = (last.Value ?? last.Key).Range.End;
        var rootStart = blocks.Root.Range.Start;
        return new MappingNode(entries, isFlow: false, isComplete: true, new SourceRange(rootStart, end < rootStart ? rootStart : end));
    }

    /// <summary>The previous syntax diagnostics outside the block (moved), the block's new ones, in document order.</summary>
    private static IReadOnlyList<Diagnostic> SpliceDiagnostics(IReadOnlyList<Diagnostic> old, IReadOnlyList<Diagnostic> block,
        int startLine, int oldEndLine, int lineDelta)
    {
        if (old.Count == 0) return block;
        var kept = new List<Diagnostic>(old.Count + block.Count);
        foreach (var diagnostic in old)
        {
            var line = diagnostic.Range.Start.Line;
            if (line < startLine) kept.Add(diagnostic);
            else if (line >= oldEndLine) kept.Add(lineDelta == 0 ? diagnostic : Shift(diagnostic, oldEndLine, lineDelta));
        }
        kept.AddRange(block);
        return SpecAnalyzer.Sort(kept);
    }

    // A related location may lie above the edit (the first of two duplicate top-level keys), so each range moves on its own.
    private static Diagnostic Shift(Diagnostic diagnostic, int fromLine, int lineDelta) => diagnostic with
    {
        Range = Shift(diagnostic.Range, lineDelta),
        Related = [.. diagnostic.Related.Select(r => r.Range.Start.Line >= fromLine ? r with { Range = Shift(r.Range, lineDelta) } : r)],
    };

    /// <summary>
    /// A copy of <paramref name="node"/> <paramref name="lineDelta"/> lines further down. Recursive, but the
    /// parser never builds trees deeper than <see cref="YamlSyntax.MaxDepth"/>.
    /// </summary>
    private static SyntaxNode Shift(SyntaxNode node, int lineDelta)
    {
        if (lineDelta == 0) return node;
        var range = Shift(node.Range, lineDelta);
        switch (node)
        {
            case ScalarNode scalar:
                return new ScalarNode(scalar.Value, scalar.Style, range);
            case AliasNode alias:
                return new AliasNode(alias.Name, range);
            case SequenceNode sequence:
                var items = new List<SyntaxNode>(sequence.Items.Count);
                foreach (var item in sequence.Items) items.Add(Shift(item, lineDelta));
                return new SequenceNode(items, sequence.IsFlow, sequence.IsComplete, range);
            case MappingNode mapping:
                var entries = new List<MappingEntry>(mapping.Entries.Count);
                foreach (var entry in mapping.Entries)
                    entries.Add(new MappingEntry(Shift(entry.Key, lineDelta), entry.Value is null ? null : Shift(entry.Value, lineDelta)));
                return new MappingNode(entries, mapping.IsFlow, mapping.IsComplete, range);
            default:
                throw new InvalidOperationException("unknown syntax node " + node.GetType().Name);
        }
    }

    private static SourceRange Shift(SourceRange range, int lineDelta) =>
        new(new Position(range.Start.Line + lineDelta, range.Start.Character), new Position(range.End.Line + lineDelta, range.End.Character));
}
