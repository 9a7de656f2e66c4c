using LspGen.Spec.Prd;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests.Prd;

/// <summary>The PRD front end never throws, and every range it reports lies inside the markdown, on any input.</summary>
public class PrdRobustnessTests
{
    private const string Alphabet = "-*+#|():,.\n\r\t `_/Aa1é😀";

    [Fact]
    public void Random_edits_of_the_examples_never_throw_and_stay_in_range()
    {
        var random = new Random(20261120);
        var examples = Directory.GetFiles(Path.Combine(Specs.RepoRoot(), "examples"), "*.prd.md").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText).ToList();
        for (var run = 0; run < 1500; run++)
        {
            var text = new System.Text.StringBuilder(examples[run % examples.Count]);
            for (var edit = random.Next(1, 12); edit > 0 && text.Length > 0; edit--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at)); break;
                    case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: text.Insert(at, text.ToString(random.Next(text.Length), 1)); break;
                }
            }
            Check(text.ToString());
        }
    }

    [Fact]
    public void Random_PRD_shaped_documents_never_throw()
    {
        string[] heads = ["# ", "## ", "### ", "#### ", "- ", "  - ", "* ", "1. ", "| ", "", "```", "---"];
        string[] words = ["Entities", "User Stories", "Integrations", "Task", "title", "(", ")", ",", ":", "string", "int", "Post",
            "required", "not", "unique", "primary key", "As a", "I want", "so that", "Stripe", "|", "---", "**", "`", " ", "due-date", "Ü", "class", "User", "max length", "9999999999999999999999"];
        var random = new Random(7);
        for (var run = 0; run < 3000; run++)
        {
            var sb = new System.Text.StringBuilder();
            for (var line = random.Next(1, 14); line > 0; line--)
            {
                sb.Append(heads[random.Next(heads.Length)]);
                for (var w = random.Next(0, 9); w > 0; w--) sb.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? "" : " ");
                sb.Append(random.Next(6) == 0 ? "\r\n" : "\n");
            }
            Check(sb.ToString());
        }
    }

    [Fact]
    public void Every_prefix_of_an_example_is_handled()
    {
        var text = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "examples", "project_tracker.prd.md"));
        for (var length = 0; length <= text.Length; length += 7) Check(text[..length]);
    }

    private static void Check(string markdown)
    {
        var analysis = PrdAnalyzer.Analyze(markdown, "fuzz.prd.md");
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Message.Contains("Internal error", StringComparison.Ordinal));
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        void InText(SourceRange range)
        {
            Assert.True(range.Start <= range.End, range.ToString());
            foreach (var p in new[] { range.Start, range.End })
                Assert.True(p.Line < lines.Length && p.Character <= lines[p.Line].Length, $"{range} outside the text:\n{markdown}");
        }
        foreach (var d in analysis.Diagnostics)
        {
            InText(d.Range);
            foreach (var related in d.Related) InText(related.Range);
        }
        if (!analysis.HasErrors)
        {
            // No errors means compilable: every entity and field has a name, every type is canonical.
            Assert.All(analysis.Document.Entities, e => Assert.False(string.IsNullOrWhiteSpace(e.Name.Value), markdown));
            Assert.All(analysis.Document.Entities.SelectMany(e => e.Fields), f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Name.Value), markdown);
                Assert.True(FieldTypes.IsCanonical(f.Type.Value), f.Type.Value + " in\n" + markdown);
            });
        }
        foreach (var entity in analysis.Document.Entities)
        {
            InText(entity.Name.Range);
            foreach (var field in entity.Fields) { InText(field.Name.Range); InText(field.Type.Range); InText(field.Range); }
        }
    }
}
