using System.Text;
using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

/// <summary>
/// A document written with cursor markers: <c>$$</c> is the caret, <c>[|…|]</c> an expected range.
/// The markers are removed; positions refer to the clean text.
/// </summary>
public sealed record Fixture(string Text, Position? Caret, IReadOnlyList<SourceRange> Ranges)
{
    public IdeDocument Document => IdeDocument.Create(Text);

    public Position CaretPosition => Caret ?? throw new InvalidOperationException("the fixture has no $$ caret");

    public SourceRange Range => Ranges.Count == 1 ? Ranges[0] : throw new InvalidOperationException($"the fixture has {Ranges.Count} [| |] ranges, not one");

    public static Fixture Parse(string annotated)
    {
        var text = new StringBuilder(annotated.Length);
        Position? caret = null;
        var ranges = new List<SourceRange>();
        var open = new Stack<Position>();
        int line = 0, character = 0;
        for (var i = 0; i < annotated.Length; i++)
        {
            var here = new Position(line, character);
            if (At(annotated, i, "$$")) { caret = caret is null ? here : throw new ArgumentException("two $$ carets"); i++; continue; }
            if (At(annotated, i, "[|")) { open.Push(here); i++; continue; }
            if (At(annotated, i, "|]")) { ranges.Add(new SourceRange(open.Pop(), here)); i++; continue; }
            var c = annotated[i];
            text.Append(c);
            if (c == '\r' && i + 1 < annotated.Length && annotated[i + 1] == '\n') { text.Append('\n'); i++; }
            if (c is '\n' or '\r') { line++; character = 0; }
            else character++;
        }
        if (open.Count > 0) throw new ArgumentException("unclosed [|");
        return new Fixture(text.ToString(), caret, [.. ranges.OrderBy(r => r.Start)]);
    }

    private static bool At(string s, int i, string marker) => string.CompareOrdinal(s, i, marker, 0, marker.Length) == 0;

    /// <summary>The text after applying non-overlapping <paramref name="edits"/> (all relative to the original text).</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var lines = new LineMap(text);
        var ordered = edits.Select(e => (Start: lines.OffsetAt(e.Range.Start), End: lines.OffsetAt(e.Range.End), e.NewText))
            .OrderByDescending(e => e.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].End > ordered[i - 1].Start) throw new InvalidOperationException("overlapping edits");
        }
        var sb = new StringBuilder(text);
        foreach (var (start, end, newText) in ordered) sb.Remove(start, end - start).Insert(start, newText);
        return sb.ToString();
    }
}
