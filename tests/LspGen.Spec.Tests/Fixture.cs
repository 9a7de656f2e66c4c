using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests;

/// <summary>
/// Cursor-marker fixtures: a spec written as the user would type it, with <c>[|…|]</c> around each
/// expected range. <see cref="Parse"/> strips the markers and returns the ranges in LSP coordinates.
/// </summary>
public sealed record Fixture(string Text, IReadOnlyList<SourceRange> Ranges)
{
    public SourceRange Range => Assert.Single(Ranges);

    public static Fixture Parse(string marked)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var ranges = new List<SourceRange>();
        var open = new Stack<Position>();
        int line = 0, character = 0;
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '[' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                open.Push(new Position(line, character));
                i++;
                continue;
            }
            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == ']')
            {
                ranges.Add(new SourceRange(open.Pop(), new Position(line, character)));
                i++;
                continue;
            }
            var c = marked[i];
            text.Append(c);
            if (c == '\n' || (c == '\r' && (i + 1 >= marked.Length || marked[i + 1] != '\n'))) { line++; character = 0; }
            else if (c != '\r') character++;
            else character++;
        }
        Assert.Empty(open);
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new Fixture(text.ToString(), ranges);
    }

    /// <summary>Analyzes the fixture and asserts exactly one diagnostic with <paramref name="code"/>, at the marked range.</summary>
    public static Diagnostic Single(string marked, string code)
    {
        var fixture = Parse(marked);
        var analysis = SpecAnalyzer.Analyze(fixture.Text);
        var matching = analysis.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1,
            $"expected one {code}, got:\n{Describe(analysis.Diagnostics)}");
        Assert.Equal(fixture.Range, matching[0].Range);
        return matching[0];
    }

    /// <summary>Analyzes and asserts that the diagnostics with <paramref name="code"/> are exactly at the marked ranges.</summary>
    public static IReadOnlyList<Diagnostic> All(string marked, string code)
    {
        var fixture = Parse(marked);
        var analysis = SpecAnalyzer.Analyze(fixture.Text);
        var matching = analysis.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Select(d => d.Range).SequenceEqual(fixture.Ranges),
            $"expected {code} at {string.Join(", ", fixture.Ranges)}, got:\n{Describe(analysis.Diagnostics)}");
        return matching;
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"  {d.Range} {d.Code} {d.Severity}: {d.Message}"));
}
