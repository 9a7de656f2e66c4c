using LspGen.LanguageServer.Protocol.Lsp;
using SourcePosition = LspGen.Spec.Syntax.Position;
using SourceRange = LspGen.Spec.Syntax.SourceRange;

namespace LspGen.LanguageServer.Protocol;

/// <summary>
/// The text of an open document with a table of line starts: applies LSP content changes and converts
/// between wire positions (negotiated encoding) and our UTF-16 positions.
/// </summary>
/// <remarks>
/// Line breaks are "\n", "\r\n" and "\r", as LSP defines them; a text ending in a line break has an
/// empty last line. Out-of-range positions clamp and never throw: a negative line or character means 0,
/// a line past the end means the end of the document, a character past the end of its line means the
/// end of that line (see <see cref="PositionEncoding"/> for columns inside a character), and a range
/// whose end precedes its start is taken with its ends swapped.
/// </remarks>
public sealed class TextDocumentBuffer
{
    readonly List<int> lineStarts = [0];

    public TextDocumentBuffer(string text, PositionEncoding? encoding = null)
    {
        Encoding = encoding ?? PositionEncoding.Utf16;
        Text = text;
        lineStarts.AddRange(FindLineStarts(text, 1, text.Length));
    }

    /// <summary>The current text.</summary>
    public string Text { get; private set; }

    /// <summary>The encoding of wire positions.</summary>
    public PositionEncoding Encoding { get; }

    /// <summary>Number of lines (at least 1).</summary>
    public int LineCount => lineStarts.Count;

    /// <summary>The text of a line without its line break; empty for lines outside the document.</summary>
    public ReadOnlySpan<char> GetLine(int line)
    {
        if (line < 0 || line >= lineStarts.Count) return [];
        var (start, end) = LineContent(line);
        return Text.AsSpan(start, end - start);
    }

    /// <summary>Applies the changes of one didChange notification, in order.</summary>
    public void Apply(IEnumerable<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes) Apply(change);
    }

    /// <summary>Applies one change: replaces its range (clamped), or the whole text when it has none.</summary>
    public void Apply(TextDocumentContentChangeEvent change)
    {
        if (change.Range is not { } range)
        {
            Text = change.Text;
            lineStarts.RemoveRange(1, lineStarts.Count - 1);
            lineStarts.AddRange(FindLineStarts(Text, 1, Text.Length));
            return;
        }
        var start = OffsetAt(range.Start);
        var end = OffsetAt(range.End);
        if (end < start) (start, end) = (end, start);
        Replace(start, end, change.Text);
    }

    void Replace(int start, int end, string newText)
    {
        Text = string.Concat(Text.AsSpan(0, start), newText, Text.AsSpan(end));
        // A line start at p depends only on the characters at p-1 and p, so the starts in [start, end]
        // (old coordinates) are recomputed from the new text, those after end only shift, the rest stay.
        var delta = newText.Length - (end - start);
        var first = FirstIndexAtOrAfter(Math.Max(start, 1));
        var afterLast = FirstIndexAtOrAfter(end + 1);
        for (var i = afterLast; i < lineStarts.Count; i++) lineStarts[i] += delta;
        lineStarts.RemoveRange(first, afterLast - first);
        lineStarts.InsertRange(first, FindLineStarts(Text, Math.Max(start, 1), start + newText.Length));
    }

    /// <summary>The offset into <see cref="Text"/> (UTF-16) of a wire position, clamped to the document.</summary>
    public int OffsetAt(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= lineStarts.Count) return Text.Length;
        var (start, end) = LineContent(position.Line);
        return start + Encoding.ToUtf16Column(Text.AsSpan(start, end - start), position.Character);
    }

    /// <summary>The wire position of an offset into <see cref="Text"/>; offsets inside a line break mean the end of that line.</summary>
    public Position PositionAt(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = FirstIndexAtOrAfter(offset + 1) - 1;
        var (start, end) = LineContent(line);
        var line16 = Text.AsSpan(start, end - start);
        return new Position(line, Encoding.FromUtf16Column(line16, Math.Min(offset, end) - start));
    }

    /// <summary>Our position (UTF-16 columns) of a wire position, clamped to the document.</summary>
    public SourcePosition FromProtocol(Position position)
    {
        if (position.Line < 0) return new SourcePosition(0, 0);
        if (position.Line >= lineStarts.Count) return EndPosition16();
        return new SourcePosition(position.Line, Encoding.ToUtf16Column(GetLine(position.Line), position.Character));
    }

    /// <summary>The wire position of one of our positions, clamped to the document.</summary>
    public Position ToProtocol(SourcePosition position)
    {
        if (position.Line < 0) return new Position(0, 0);
        if (position.Line >= lineStarts.Count) return PositionAt(Text.Length);
        return new Position(position.Line, Encoding.FromUtf16Column(GetLine(position.Line), position.Character));
    }

    /// <summary>The wire range of one of our ranges.</summary>
    public Lsp.Range ToProtocol(SourceRange range) => new(ToProtocol(range.Start), ToProtocol(range.End));

    /// <summary>Our range of a wire range.</summary>
    public SourceRange FromProtocol(Lsp.Range range) => new(FromProtocol(range.Start), FromProtocol(range.End));

    SourcePosition EndPosition16()
    {
        var last = lineStarts.Count - 1;
        return new SourcePosition(last, Text.Length - lineStarts[last]);
    }

    (int Start, int End) LineContent(int line)
    {
        var start = lineStarts[line];
        if (line + 1 == lineStarts.Count) return (start, Text.Length);
        var end = lineStarts[line + 1];
        if (Text[end - 1] == '\n') end--;
        if (end > start && Text[end - 1] == '\r') end--;
        return (start, end);
    }

    // Index of the first line start >= value (lineStarts.Count if none).
    int FirstIndexAtOrAfter(int value)
    {
        var index = lineStarts.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    // Line starts p with from <= p <= to (p >= 1): after "\n", or after a "\r" not followed by "\n".
    static List<int> FindLineStarts(string text, int from, int to)
    {
        var starts = new List<int>();
        to = Math.Min(to, text.Length);
        for (var p = Math.Max(from, 1); p <= to; p++)
        {
            var previous = text[p - 1];
            if (previous == '\n' || (previous == '\r' && (p == text.Length || text[p] != '\n'))) starts.Add(p);
        }
        return starts;
    }
}
