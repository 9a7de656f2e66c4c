using CsCheck;
using LspGen.Bench.Frontend;
using LspGen.Spec.Incremental;

namespace LspGen.Spec.Tests.Incremental;

/// <summary>
/// The invariant of <see cref="IncrementalAnalyzer"/>: after every edit of a random sequence, the
/// incremental result equals a full analysis of the same text — tree, model and diagnostics (code,
/// message, severity, ranges, related locations, data), in the same order.
/// </summary>
public class IncrementalPropertyTests
{
    /// <summary>
    /// One random edit, drawn before the text it applies to is known; <see cref="Apply"/> interprets it
    /// against the current text. Most land inside entity blocks, some on the dash lines between blocks,
    /// some anywhere (top level included); many break the YAML.
    /// </summary>
    public sealed record Edit(int Kind, int Where, double Position, int Length, int Choice);

    private static readonly Gen<Edit> EditGen =
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, 9], Gen.Double[0, 1], Gen.Int[0, 40], Gen.Int[0, 1000],
            (kind, where, position, length, choice) => new Edit(kind, where, position, length, choice));

    private const string Characters = "abcxyz_ :-#\"'[]{}|>&*!\t\n\r0123456789.";

    private static readonly string[] Tokens =
        ["string", "strin", "integer", "true", "false", "Alpha", "Bravo", "x: 1", "- ", "  ", "\n  ", "\n", "name", ": ", "\"", "# "];

    private static readonly string[] Lines =
    [
        "        nullable: true\n",
        "      - name: extra\n        type: string\n",
        "      - name: id\n        type: integer\n        primary_key: true\n",
        "  - name: NewEntity\n    fields:\n      - name: id\n        type: uuid\n",
        "  - name: Alpha\n    fields: []\n",
        "        type: strin\n",
        "        references: Alpha\n",
        "        references: Nowhere\n",
        "        renamed_from: old_name\n",
        "    table_name: users\n",
        "description: x\n",
        "# a comment\n",
        "   \n",
        "\n",
        "    description: |\n      two\n      lines\n",
        "        default: \"abc\n",
        "        max_length: [1, 2\n",
        "\tname: tab\n",
        "  - &anchor\n",
        "        default: *anchor\n",
        "---\n",
    ];

    private static IEnumerable<string> StartTexts()
    {
        var examples = Path.Combine(Specs.RepoRoot(), "examples");
        foreach (var file in Directory.GetFiles(examples, "*.spec.yaml").Order(StringComparer.Ordinal)) yield return File.ReadAllText(file);
        yield return BenchSpec.Text(entityCount: 12, fieldsPerEntity: 4);
        yield return BenchSpec.Text(entityCount: 12, fieldsPerEntity: 4).Replace("\n", "\r\n", StringComparison.Ordinal);
    }

    private static readonly string[] Starts = [.. StartTexts()];

    [Fact]
    public void Incremental_analysis_equals_full_analysis_after_every_edit()
    {
        var edits = 0;
        var incremental = 0;
        Gen.Select(Gen.Int[0, Starts.Length - 1], EditGen.Array[1, 15]).Sample((start, sequence) =>
        {
            var current = IncrementalAnalyzer.Analyze(Starts[start]);
            foreach (var edit in sequence)
            {
                var change = Apply(edit, current.Text);
                var next = IncrementalAnalyzer.Reanalyze(current, change);
                AssertSameAsFull(next, change);
                Interlocked.Increment(ref edits);
                if (next.Path == AnalysisPath.Incremental) Interlocked.Increment(ref incremental);
                current = next;
            }
        }, iter: 400, threads: 1);
        // The test proves something only if the incremental path is taken often (once an edit breaks the
        // YAML, the rest of its sequence takes the full path until one repairs it; about 14% overall).
        Assert.True(incremental > edits / 10, $"only {incremental} of {edits} edits took the incremental path");
    }

    [Fact]
    public void Incremental_analysis_equals_full_analysis_on_the_benchmark_spec()
    {
        var text = BenchSpec.Text(entityCount: 100, fieldsPerEntity: 10);
        var start = IncrementalAnalyzer.Analyze(text);
        Gen.Select(Gen.Int[0, 100], EditGen.Array[1, 6]).Sample((_, sequence) =>
        {
            var current = start;
            foreach (var edit in sequence)
            {
                var change = Apply(edit, current.Text);
                var next = IncrementalAnalyzer.Reanalyze(current, change);
                AssertSameAsFull(next, change);
                current = next;
            }
        }, iter: 30, threads: 1);
    }

    internal static void AssertSameAsFull(AnalyzedSpec incremental, TextChange change)
    {
        var full = IncrementalAnalyzer.Analyze(incremental.Text);
        var difference = Structural.Difference(full.Tree, incremental.Tree, "tree")
            ?? Structural.Difference(full.Analysis, incremental.Analysis, "analysis");
        if (difference is not null)
            Assert.Fail($"{incremental.Path} analysis differs from the full one after {Describe(change)}: {difference}");
    }

    private static string Describe(TextChange change) =>
        $"replacing [{change.Start}, {change.End}) by \"{change.NewText.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)}\"";

    /// <summary>The change <paramref name="edit"/> makes to <paramref name="text"/>.</summary>
    internal static TextChange Apply(Edit edit, string text)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) lineStarts.Add(i + 1);
        }
        int LineEnd(int line) => line + 1 < lineStarts.Count ? lineStarts[line + 1] : text.Length;
        string LineText(int line) => text[lineStarts[line]..LineEnd(line)];

        // Where: 0–6 a line inside an entity block, 7–8 a dash line (block boundary), 9 anywhere.
        var candidates = edit.Where switch
        {
            <= 6 => Enumerable.Range(0, lineStarts.Count).Where(l => LineText(l).StartsWith("   ", StringComparison.Ordinal)).ToList(),
            <= 8 => Enumerable.Range(0, lineStarts.Count).Where(l => LineText(l).TrimStart(' ').StartsWith("- ", StringComparison.Ordinal)).ToList(),
            _ => [],
        };
        if (candidates.Count == 0) candidates = [.. Enumerable.Range(0, lineStarts.Count)];
        var line = candidates[Math.Min(candidates.Count - 1, (int)(edit.Position * candidates.Count))];
        var lineStart = lineStarts[line];
        var lineLength = LineEnd(line) - lineStart;
        var offset = edit.Where == 9
            ? (int)(edit.Position * text.Length)
            : edit.Where >= 7 ? Math.Clamp(lineStart + edit.Length % 5 - 1, 0, text.Length) : lineStart + edit.Length % (lineLength + 1);
        offset = Math.Clamp(offset, 0, text.Length);
        var count = edit.Length % 5 + 1;
        return edit.Kind switch
        {
            0 => new TextChange(offset, offset, Characters[edit.Choice % Characters.Length].ToString()),
            1 => new TextChange(offset, Math.Min(text.Length, offset + count), ""),
            2 => new TextChange(offset, Math.Min(text.Length, offset + count), Tokens[edit.Choice % Tokens.Length]),
            3 => new TextChange(lineStart, lineStart, Lines[edit.Choice % Lines.Length]),
            4 => new TextChange(lineStart, lineStart + lineLength, ""),
            5 => new TextChange(lineStart, lineStart, LineText(line)),
            6 when edit.Choice % 2 == 0 => new TextChange(lineStart, lineStart, "  "),
            6 => new TextChange(lineStart, lineStart + LeadingSpaces(LineText(line), 2), ""),
            7 => new TextChange(lineStart, lineStart + lineLength, Lines[edit.Choice % Lines.Length]),
            8 => new TextChange(offset, offset, Tokens[edit.Choice % Tokens.Length]),
            // The rest edit a value the way typing does: after "key: ", one character at a time, mostly letters.
            _ => ValueEdit(edit, text, lineStart, lineLength),
        };
    }

    private static TextChange ValueEdit(Edit edit, string text, int lineStart, int lineLength)
    {
        var colon = text.IndexOf(": ", lineStart, lineLength, StringComparison.Ordinal);
        var at = colon < 0 ? lineStart + lineLength : colon + 2 + edit.Length % Math.Max(1, lineStart + lineLength - colon - 2);
        at = Math.Min(at, text.Length);
        return edit.Kind == 9 && at < text.Length && text[at] is not ('\n' or '\r')
            ? new TextChange(at, at + 1, "")
            : new TextChange(at, at, "abcdefgxyz_ 0"[edit.Choice % 13].ToString());
    }

    private static int LeadingSpaces(string line, int most)
    {
        var n = 0;
        while (n < most && n < line.Length && line[n] == ' ') n++;
        return n;
    }
}
