using LspGen.Bench.Frontend;
using LspGen.Spec.Incremental;

namespace LspGen.Spec.Tests.Incremental;

/// <summary>
/// Specific edits, written as the user makes them: the spec with <c>$$</c> where the edit happens (or
/// <c>[| |]</c> around the replaced text), the inserted text, and which path the analyzer must take.
/// Each also checks the result against a full analysis.
/// </summary>
public class IncrementalAnalyzerTests
{
    private const string TwoEntities = """
        spec_version: "1.0"
        project_name: demo
        entities:
          - name: Author
            fields:
              - name: id
                type: uuid
                primary_key: true
          - name: Book
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: title
                type: string
        # trailing comment
        user_stories:
          - role: reader
            goal: read
        """;

    private static AnalyzedSpec Edit(string marked, string inserted, AnalysisPath expected)
    {
        var caret = marked.IndexOf("$$", StringComparison.Ordinal);
        TextChange change;
        string before;
        if (caret >= 0)
        {
            before = marked.Remove(caret, 2);
            change = new TextChange(caret, caret, inserted);
        }
        else
        {
            var fixture = Fixture.Parse(marked);
            before = fixture.Text;
            var lines = new Syntax.LineMap(before);
            change = new TextChange(lines.OffsetAt(fixture.Range.Start), lines.OffsetAt(fixture.Range.End), inserted);
        }
        var result = IncrementalAnalyzer.Reanalyze(IncrementalAnalyzer.Analyze(before), change);
        IncrementalPropertyTests.AssertSameAsFull(result, change);
        Assert.Equal(expected, result.Path);
        return result;
    }

    private static string Mark(string text, string find, string marker = "$$")
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        return text.Insert(at + find.Length, marker);
    }

    [Fact]
    public void A_character_typed_in_a_field_type_reparses_only_its_entity()
    {
        var result = Edit(Mark(TwoEntities, "type: strin"), "x", AnalysisPath.Incremental);
        Assert.Contains(result.Analysis.Diagnostics, d => d.Code == "LSG012" && d.Range.Start.Line == 14);
    }

    [Fact]
    public void A_field_inserted_in_the_first_entity_moves_everything_below_it()
    {
        var result = Edit(Mark(TwoEntities, "primary_key: true\n"), "      - name: title\n        type: strin\n", AnalysisPath.Incremental);
        var book = result.Analysis.Document.Entities[1];
        Assert.Equal(10, book.Name.Range.Start.Line);
        Assert.Equal(19, result.Analysis.Document.UserStories[0].Range.Start.Line);
    }

    [Fact]
    public void A_line_deleted_in_the_first_entity_moves_everything_below_it_up() =>
        Edit(TwoEntities.Replace("        primary_key: true\n  - name: Book", "[|        primary_key: true\n|]  - name: Book", StringComparison.Ordinal),
            "", AnalysisPath.Incremental);

    [Fact]
    public void An_edit_in_the_last_entity_before_a_top_level_key_is_incremental() =>
        Edit(Mark(TwoEntities, "name: tit"), "l", AnalysisPath.Incremental);

    [Fact]
    public void A_duplicate_key_inside_an_entity_is_reported_as_by_a_full_parse()
    {
        var result = Edit(Mark(TwoEntities, "        type: string\n"), "        type: integer\n", AnalysisPath.Incremental);
        Assert.Contains(result.Analysis.Diagnostics, d => d.Code == "LSG007");
    }

    [Fact]
    public void A_renamed_entity_updates_references_in_other_entities()
    {
        var spec = TwoEntities.Replace("        type: string\n", "        type: uuid\n        references: Author\n", StringComparison.Ordinal);
        var result = Edit(Mark(spec, "  - name: Autho"), "x", AnalysisPath.Incremental);
        Assert.Contains(result.Analysis.Diagnostics, d => d.Code == "LSG018");
    }

    [Fact]
    public void A_new_entity_typed_at_a_dash_takes_the_full_path() =>
        Edit(Mark(TwoEntities, "        primary_key: true\n"), "  - name: Extra\n    fields: []\n", AnalysisPath.Full);

    [Fact]
    public void An_edit_of_a_top_level_key_takes_the_full_path() =>
        Edit(Mark(TwoEntities, "project_name: dem"), "x", AnalysisPath.Full);

    [Fact]
    public void An_edit_that_outdents_a_line_of_an_entity_takes_the_full_path() =>
        Edit(TwoEntities.Replace("  - name: Author\n    fields:", "  - name: Author\n[|    |]fields:", StringComparison.Ordinal), "", AnalysisPath.Full);

    [Fact]
    public void An_edit_spanning_two_entities_takes_the_full_path() =>
        Edit(TwoEntities.Replace("primary_key: true\n  - name: Bo", "primary_key: [|true\n  - name: Bo|]", StringComparison.Ordinal), "false\n  - name: Bo", AnalysisPath.Full);

    [Fact]
    public void An_edit_that_breaks_the_yaml_takes_the_full_path_and_so_does_the_next_one()
    {
        var broken = Edit(Mark(TwoEntities, "title\n        type: "), "\"", AnalysisPath.Full);
        Assert.Contains(broken.Analysis.Diagnostics, d => d.Code == "LSG001");
        var quote = broken.Text.IndexOf("\"string", StringComparison.Ordinal);
        var change = new TextChange(quote, quote + 1, "");
        var fixedAgain = IncrementalAnalyzer.Reanalyze(broken, change);
        IncrementalPropertyTests.AssertSameAsFull(fixedAgain, change);
        Assert.Equal(AnalysisPath.Full, fixedAgain.Path);
    }

    [Fact]
    public void Every_example_spec_can_be_edited_incrementally()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Specs.RepoRoot(), "examples"), "*.spec.yaml"))
        {
            var text = File.ReadAllText(file);
            var at = text.IndexOf("type: ", text.IndexOf("entities:", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
            var change = new TextChange(at, at, "x");
            var result = IncrementalAnalyzer.Reanalyze(IncrementalAnalyzer.Analyze(text), change);
            IncrementalPropertyTests.AssertSameAsFull(result, change);
            Assert.True(result.Path == AnalysisPath.Incremental, file);
        }
    }

    [Fact]
    public void The_benchmark_edit_is_incremental_on_1000_entities()
    {
        var text = BenchSpec.Text();
        var at = text.IndexOf("        type: string\n", text.Length / 2, StringComparison.Ordinal) + "        type: strin".Length;
        var change = new TextChange(at, at + 1, "x");
        var result = IncrementalAnalyzer.Reanalyze(IncrementalAnalyzer.Analyze(text), change);
        IncrementalPropertyTests.AssertSameAsFull(result, change);
        Assert.Equal(AnalysisPath.Incremental, result.Path);
    }

    [Theory]
    [InlineData("abc", "abXc", 2, 2, "X")]
    [InlineData("abc", "ac", 1, 2, "")]
    [InlineData("aaa", "aaaa", 3, 3, "a")]
    [InlineData("", "x", 0, 0, "x")]
    [InlineData("same", "same", 4, 4, "")]
    public void The_change_between_two_texts_is_what_lies_between_their_common_prefix_and_suffix(string before, string after, int start, int end, string text)
    {
        var change = TextChange.Between(before, after);
        Assert.Equal(new TextChange(start, end, text), change);
        Assert.Equal(after, change.ApplyTo(before));
    }
}
