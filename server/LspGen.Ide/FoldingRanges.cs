using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Folds every block that spans lines (database, auth, entities, each entity, each fields list, each
/// field, multi-line text) and every run of two or more comment lines.
/// </summary>
public static class FoldingRanges
{
    public static IReadOnlyList<FoldingRange> For(IdeDocument doc)
    {
        if (doc.Kind != DocumentKind.Spec) return [];
        var byStart = new SortedDictionary<int, FoldingRange>();
        void Add(int start, SourceRange range, FoldingKind kind)
        {
            var end = LastLine(range);
            if (end <= start) return;
            // Two constructs starting on one line ("- fields:" opens an item and a list): keep the longer fold.
            if (!byStart.TryGetValue(start, out var existing) || existing.EndLine < end)
                byStart[start] = new FoldingRange(start, end, kind);
        }

        var pending = new Stack<SyntaxNode>();
        if (doc.Tree.Root is { } root) pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case MappingNode map:
                    foreach (var entry in map.Entries)
                    {
                        if (entry.Value is null) continue;
                        Add(entry.Key.Range.Start.Line, entry.Range, FoldingKind.Region);
                        pending.Push(entry.Value);
                    }
                    break;
                case SequenceNode seq:
                    foreach (var item in seq.Items)
                    {
                        Add(item.Range.Start.Line, item.Range, FoldingKind.Region);
                        pending.Push(item);
                    }
                    break;
            }
        }

        AddCommentRuns(doc, byStart);
        return [.. byStart.Values];
    }

    private static void AddCommentRuns(IdeDocument doc, SortedDictionary<int, FoldingRange> byStart)
    {
        var runStart = -1;
        for (var line = 0; line <= doc.Lines.LineCount; line++)
        {
            var isComment = line < doc.Lines.LineCount && doc.LineText(line).TrimStart().StartsWith('#');
            if (isComment && runStart < 0) runStart = line;
            if (isComment || runStart < 0) continue;
            if (line - 1 > runStart) byStart.TryAdd(runStart, new FoldingRange(runStart, line - 1, FoldingKind.Comment));
            runStart = -1;
        }
    }

    // A range ending at the very start of a line (a block scalar's end) does not include that line.
    private static int LastLine(SourceRange range) =>
        range.End.Character == 0 && range.End.Line > range.Start.Line ? range.End.Line - 1 : range.End.Line;
}
