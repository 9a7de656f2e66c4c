namespace LspGen.Spec.Syntax;

/// <summary>
/// Converts UTF-16 offsets of a text to LSP positions. Lines end at \n, \r\n or \r – exactly LSP's
/// rule; YamlDotNet's own line counter also breaks at U+2028/U+2029/U+0085, so we never use it.
/// </summary>
public sealed class LineMap
{
    private readonly string _text;
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        _text = text;
        var starts = new List<int>(text.Length / 16 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (c is '\r' or '\n') starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    public int LineCount => _lineStarts.Length;

    public Position PositionAt(long offset)
    {
        var clamped = (int)Math.Clamp(offset, 0, _text.Length);
        var line = Array.BinarySearch(_lineStarts, clamped);
        if (line < 0) line = ~line - 1;
        return new Position(line, clamped - _lineStarts[line]);
    }

    /// <summary>
    /// <see cref="PositionAt(long)"/> for offsets that mostly move forward (a parser's): starts at
    /// <paramref name="lineHint"/>, walks a few lines, and falls back to the binary search; updates the hint.
    /// </summary>
    internal Position PositionAt(long offset, ref int lineHint)
    {
        var clamped = (int)Math.Clamp(offset, 0, _text.Length);
        var line = lineHint;
        if ((uint)line >= (uint)_lineStarts.Length || _lineStarts[line] > clamped) return Remember(PositionAt(offset), ref lineHint);
        for (var steps = 0; line + 1 < _lineStarts.Length && _lineStarts[line + 1] <= clamped; steps++, line++)
        {
            if (steps == 8) return Remember(PositionAt(offset), ref lineHint);
        }
        lineHint = line;
        return new Position(line, clamped - _lineStarts[line]);
    }

    private static Position Remember(Position position, ref int lineHint)
    {
        lineHint = position.Line;
        return position;
    }

    public int OffsetAt(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _text.Length;
        return Math.Min(_lineStarts[position.Line] + Math.Max(position.Character, 0), LineEndOffset(position.Line));
    }

    /// <summary>The offset of the line break ending <paramref name="line"/> (or the end of the text).</summary>
    public int LineEndOffset(int line)
    {
        if (line + 1 >= _lineStarts.Length) return _text.Length;
        var end = _lineStarts[line + 1] - 1;
        if (_text[end] == '\n' && end > _lineStarts[line] && _text[end - 1] == '\r') end--;
        return end;
    }

    /// <summary>From <paramref name="start"/> to the last non-blank character of its line: "the item's first line".</summary>
    public SourceRange RestOfLine(Position start)
    {
        var from = OffsetAt(start);
        var end = LineEndOffset(start.Line);
        while (end > from && char.IsWhiteSpace(_text[end - 1])) end--;
        return new SourceRange(start, PositionAt(Math.Max(end, from)));
    }

    /// <summary>The non-blank content of <paramref name="line"/> (empty range at the line start for a blank line).</summary>
    public SourceRange LineContent(int line)
    {
        line = Math.Clamp(line, 0, _lineStarts.Length - 1);
        var from = _lineStarts[line];
        var end = LineEndOffset(line);
        while (from < end && char.IsWhiteSpace(_text[from])) from++;
        while (end > from && char.IsWhiteSpace(_text[end - 1])) end--;
        return new SourceRange(PositionAt(from), PositionAt(end));
    }
}
