using System.Text;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests;

/// <summary>
/// Analyze must never throw and never hit its internal-error safety net, whatever the input: mutated
/// valid specs, random text, hostile YAML. Seeds are fixed, so a failure reproduces.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Examples =
        ["task_manager.spec.yaml", "ecommerce.spec.yaml", "no_auth.spec.yaml"];

    private const string Significant = "[]{}:-,'\"&*!|>#%@`?~ \n\t\r\\";

    private static void AssertSane(string text)
    {
        SpecAnalysis analysis;
        try
        {
            analysis = SpecAnalyzer.Analyze(text);
        }
        catch (Exception ex)
        {
            Assert.Fail($"Analyze threw {ex.GetType().Name}: {ex.Message}\ninput ({text.Length} chars): {Preview(text)}");
            return;
        }
        var lines = new LineMap(text);
        var end = lines.PositionAt(text.Length);
        foreach (var d in analysis.Diagnostics)
        {
            Assert.False(d.Message.StartsWith("Internal error", StringComparison.Ordinal), d.Message + "\ninput: " + Preview(text));
            Assert.True(d.Range.Start <= d.Range.End && d.Range.End <= end, $"range {d.Range} outside the text (end {end}) for {d.Code}\ninput: {Preview(text)}");
            Assert.True(d.Message.Length < 1000, "message too long: " + Preview(d.Message));
        }
    }

    private static string Preview(string text) => text.Length <= 400 ? text : text[..400] + "…";

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_valid_specs_never_break_the_analyzer(int seed)
    {
        var random = new Random(seed);
        var root = Specs.RepoRoot();
        var texts = Examples.Select(e => File.ReadAllText(Path.Combine(root, "examples", e))).ToArray();
        for (var i = 0; i < 60; i++)
        {
            var text = texts[random.Next(texts.Length)];
            var mutated = random.Next(5) switch
            {
                0 => text[..random.Next(text.Length + 1)],
                1 => Insert(text, random, Significant),
                2 => Delete(text, random),
                3 => Insert(text, random, "😀é\u2028\u0085\uFEFF\0\uD800ab1"),
                _ => Insert(Delete(text, random), random, Significant),
            };
            AssertSane(mutated);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_text_never_breaks_the_analyzer(int seed)
    {
        var random = new Random(1000 + seed);
        for (var i = 0; i < 40; i++)
        {
            var length = random.Next(0, 400);
            var sb = new StringBuilder(length);
            for (var j = 0; j < length; j++)
            {
                sb.Append(random.Next(3) switch
                {
                    0 => Significant[random.Next(Significant.Length)],
                    1 => (char)random.Next(0, 0x10000), // includes lone surrogates and control characters
                    _ => (char)random.Next('a', 'z' + 1),
                });
            }
            AssertSane(sb.ToString());
            var bytes = new byte[length];
            random.NextBytes(bytes);
            AssertSane(Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Hostile_inputs_never_break_the_analyzer()
    {
        AssertSane(new string('[', 10_000));
        AssertSane(new string('{', 10_000));
        AssertSane(string.Concat(Enumerable.Repeat("- ", 10_000)));
        AssertSane(string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', 2 * i) + "a:\n")));
        AssertSane("spec_version: \"1.0\"\nproject_name: " + new string('x', 1_000_000) + "\n");
        AssertSane("description: \"" + new string('y', 1_000_000));
        AssertSane(Specs.WithFields("") + "      - {name: a, type: " + new string('t', 1_000_000) + "}\n");
        var bomb = new StringBuilder("a: &a [\"lol\"]\n");
        for (var i = 0; i < 20; i++) bomb.Append("l").Append(i).Append(": &l").Append(i).Append(" [").Append(string.Join(",", Enumerable.Repeat(i == 0 ? "*a" : "*l" + (i - 1), 20))).Append("]\n");
        AssertSane(bomb.ToString());
        AssertSane("entities: &e [*e]");
        AssertSane("? [a, b]\n: c\n");
        AssertSane("%YAML 1.2\n---\na: !!binary aGVsbG8=\n...\n");
        AssertSane("\uFEFF");
        AssertSane("\r\r\r\n\n");
    }

    [Fact]
    public void A_thousand_entities_with_references_analyse_cleanly()
    {
        var sb = new StringBuilder(Specs.Head + "entities:\n");
        for (var i = 0; i < 1000; i++)
        {
            sb.Append("  - name: Entity").Append(i).Append("\n    fields:\n      - {name: id, type: uuid, primary_key: true}\n");
            if (i > 0) sb.Append("      - {name: previous_id, type: uuid, nullable: false, references: Entity").Append(i - 1).Append("}\n");
        }
        var analysis = SpecAnalyzer.Analyze(sb.ToString());
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics.Take(5)));
        Assert.Equal(1000, analysis.Document.Entities.Count);
    }

    [Fact]
    public void A_long_chain_cycle_is_found_without_recursion()
    {
        var sb = new StringBuilder(Specs.Head + "entities:\n");
        const int n = 5_000;
        for (var i = 0; i < n; i++)
            sb.Append("  - {name: E").Append(i).Append(", fields: [{name: id, type: uuid, primary_key: true}, {name: next_id, type: uuid, nullable: false, references: E")
              .Append((i + 1) % n).Append("}]}\n");
        var analysis = SpecAnalyzer.Analyze(sb.ToString());
        var cycle = Assert.Single(analysis.Diagnostics);
        Assert.Equal("LSG019", cycle.Code);
        Assert.Equal(n - 1, cycle.Related.Count);
        Assert.EndsWith("'E9' and 4990 more reference each other through non-nullable fields, so no row could ever be inserted first; make one of these references 'nullable: true'", cycle.Message, StringComparison.Ordinal);
    }

    private static string Insert(string text, Random random, string alphabet)
    {
        var at = random.Next(text.Length + 1);
        var count = random.Next(1, 6);
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return text[..at] + new string(chars) + text[at..];
    }

    private static string Delete(string text, Random random)
    {
        if (text.Length == 0) return text;
        var at = random.Next(text.Length);
        var count = Math.Min(random.Next(1, 40), text.Length - at);
        return text[..at] + text[(at + count)..];
    }
}
