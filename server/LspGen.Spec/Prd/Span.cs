using LspGen.Spec.Syntax;

namespace LspGen.Spec.Prd;

/// <summary>
/// A piece of one markdown line, kept as offsets into the line so that every value read from a PRD
/// carries its exact source range (0-based line, UTF-16 columns). Offsets passed in are relative to the span.
/// </summary>
internal readonly record struct Span(string Line, int LineNo, int Start, int End)
{
    public static Span Of(string line, int lineNo) => new(line, lineNo, 0, line.Length);

    public string Text => Line[Start..End];
    public int Length => End - Start;
    public bool IsEmpty => End <= Start;
    public char this[int index] => Line[Start + index];
    public SourceRange Range => SourceRange.Of(LineNo, Start, LineNo, End);

    public Span Slice(int from, int to) => this with { Start = Start + from, End = Start + to };
    public Span From(int from) => Slice(from, Length);
    public Span To(int to) => Slice(0, to);

    public Span Trim() => TrimChars("");

    /// <summary>Trims white space and any of <paramref name="chars"/> from both ends.</summary>
    public Span TrimChars(string chars)
    {
        var s = Start;
        var e = End;
        while (s < e && (char.IsWhiteSpace(Line[s]) || chars.Contains(Line[s], StringComparison.Ordinal))) s++;
        while (e > s && (char.IsWhiteSpace(Line[e - 1]) || chars.Contains(Line[e - 1], StringComparison.Ordinal))) e--;
        return this with { Start = s, End = e };
    }

    public Span TrimEndChars(string chars)
    {
        var e = End;
        while (e > Start && (char.IsWhiteSpace(Line[e - 1]) || chars.Contains(Line[e - 1], StringComparison.Ordinal))) e--;
        return this with { End = e };
    }

    /// <summary>Markdown emphasis and code marks around a name: **Project**, `due_date`, _Task_.</summary>
    public Span StripMarks() => TrimChars("*_`");

    public bool StartsWith(string value) =>
        Length >= value.Length && string.Compare(Line, Start, value, 0, value.Length, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Case-insensitive search; the result is relative to the span, -1 when absent.</summary>
    public int IndexOf(string value, int from = 0)
    {
        if (from > Length) return -1;
        var i = Line.IndexOf(value, Start + from, Length - from, StringComparison.OrdinalIgnoreCase);
        return i < 0 ? -1 : i - Start;
    }

    /// <summary>The first <paramref name="c"/> outside parentheses and brackets, or -1.</summary>
    public int IndexOfTopLevel(char c)
    {
        var depth = 0;
        for (var i = 0; i < Length; i++)
        {
            var ch = this[i];
            if (ch is '(' or '[') depth++;
            else if (ch is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (ch == c && depth == 0) return i;
        }
        return -1;
    }

    /// <summary>The ')' closing the '(' at <paramref name="open"/>, or -1.</summary>
    public int ClosingParen(int open)
    {
        var depth = 0;
        for (var i = open; i < Length; i++)
        {
            if (this[i] == '(') depth++;
            else if (this[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits at <paramref name="separator"/> outside parentheses; parts are trimmed, empty parts dropped.</summary>
    public List<Span> SplitTopLevel(char separator)
    {
        var parts = new List<Span>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i <= Length; i++)
        {
            var ch = i < Length ? this[i] : separator;
            if (ch is '(' or '[') depth++;
            else if (ch is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (ch == separator && (depth == 0 || i == Length))
            {
                var part = Slice(from, i).Trim();
                if (!part.IsEmpty) parts.Add(part);
                from = i + 1;
            }
        }
        return parts;
    }

    /// <summary>Maximal runs of non-space characters.</summary>
    public List<Span> Words()
    {
        var words = new List<Span>();
        var i = 0;
        while (i < Length)
        {
            while (i < Length && char.IsWhiteSpace(this[i])) i++;
            var from = i;
            while (i < Length && !char.IsWhiteSpace(this[i])) i++;
            if (i > from) words.Add(Slice(from, i));
        }
        return words;
    }

    public override string ToString() => Text;
}
