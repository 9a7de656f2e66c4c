using LspGen.Spec.Syntax;

namespace LspGen.Spec.Incremental;

/// <summary>
/// The lines of each item of a block-style <c>entities:</c> list, in a text that parsed without a syntax
/// error. Block <c>k</c> runs from the line of item <c>k</c>'s dash to the line before the next item's
/// dash; the last one to the line before the first line that is indented no deeper than the dashes (and
/// is neither blank nor a comment), or to the end of the text. Comment and blank lines between items
/// belong to the item above them.
/// </summary>
internal sealed class EntityBlocks
{
    private EntityBlocks(MappingNode root, int entitiesEntry, SequenceNode entities, int dashColumn, int[] startLines, int lastEndLine)
    {
        Root = root;
        EntitiesEntry = entitiesEntry;
        Entities = entities;
        DashColumn = dashColumn;
        StartLines = startLines;
        LastEndLine = lastEndLine;
    }

    public MappingNode Root { get; }

    /// <summary>The index of the (first) <c>entities</c> entry in <see cref="Root"/>; the loader reads that one.</summary>
    public int EntitiesEntry { get; }

    public SequenceNode Entities { get; }

    /// <summary>The column of every item's <c>-</c>.</summary>
    public int DashColumn { get; }

    public int[] StartLines { get; }

    /// <summary>The line after the last block (the line count when it runs to the end of the text).</summary>
    public int LastEndLine { get; }

    public int Count => StartLines.Length;

    public int EndLine(int block) => block + 1 < StartLines.Length ? StartLines[block + 1] : LastEndLine;

    /// <summary>The blocks of <paramref name="tree"/>, or null when its shape is one only a full parse handles.</summary>
    public static EntityBlocks? Of(SyntaxTree tree)
    {
        if (tree.HasSyntaxErrors || tree.Root is not MappingNode { IsFlow: false, IsComplete: true } root) return null;
        var index = -1;
        for (var i = 0; i < root.Entries.Count; i++)
        {
            if (root.Entries[i].KeyText != "entities") continue;
            index = i;
            break;
        }
        if (index < 0 || root.Entries[index].Value is not SequenceNode { IsFlow: false, IsComplete: true, Items.Count: > 0 } entities) return null;

        var text = tree.Text;
        var lines = tree.Lines;
        var dash = entities.Range.Start.Character;
        var starts = new int[entities.Items.Count];
        for (var i = 0; i < starts.Length; i++)
        {
            // Each item starts on its dash's line ("  - name: …"); the rare "-" alone on a line is left to a full parse.
            var line = entities.Items[i].Range.Start.Line;
            if (!IsDashLine(text, lines, line, dash) || (i > 0 && line <= starts[i - 1])) return null;
            starts[i] = line;
        }
        if (starts[0] != entities.Range.Start.Line) return null;
        var end = starts[^1] + 1;
        while (end < lines.LineCount && InsideBlock(text, lines, end, dash)) end++;
        return new EntityBlocks(root, index, entities, dash, starts, end);
    }

    /// <summary>The line starts with <paramref name="dash"/> spaces, then "- ".</summary>
    public static bool IsDashLine(string text, LineMap lines, int line, int dash)
    {
        var start = lines.OffsetAt(new Position(line, 0));
        var end = lines.LineEndOffset(line);
        if (end - start < dash + 2) return false;
        for (var i = 0; i < dash; i++)
        {
            if (text[start + i] != ' ') return false;
        }
        return text[start + dash] == '-' && text[start + dash + 1] == ' ';
    }

    /// <summary>
    /// A line that cannot end an item's block: blank, a comment, or indented deeper than the dashes. Any
    /// other line (also one indented with a tab) ends it, and an edit producing one takes the full path.
    /// </summary>
    public static bool InsideBlock(string text, LineMap lines, int line, int dash)
    {
        var i = lines.OffsetAt(new Position(line, 0));
        var end = lines.LineEndOffset(line);
        var indent = 0;
        while (i < end && text[i] == ' ')
        {
            i++;
            indent++;
        }
        return i == end || text[i] == '#' || indent > dash;
    }
}
