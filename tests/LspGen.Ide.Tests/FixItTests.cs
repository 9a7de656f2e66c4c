using System.Text.RegularExpressions;

namespace LspGen.Ide.Tests;

/// <summary>
/// The example specs with one typical mistake each: the preferred quick fix removes the diagnostic and
/// leaves the spec without new problems, and the rest of the text is unchanged.
/// </summary>
public partial class FixItTests
{
    public static TheoryData<string, string, string> Mistakes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in Examples.All())
        {
            var name = Path.GetFileName(path);
            var text = File.ReadAllText(path).ReplaceLineEndings("\n");
            if (IdeDocument.Create(text).Diagnostics.Count > 0) continue;
            data.Add(name + ": guid type", "LSG012", ReplaceFirst(text, "type: uuid", "type: guid"));
            data.Add(name + ": no spec_version", "LSG006", SpecVersionLine().Replace(text, "", 1));
            data.Add(name + ": typo in a key", "LSG002", ReplaceFirst(text, " type: uuid", " tpye: uuid"));
            data.Add(name + ": camelCase field", "LSG021", FieldName().Replace(text, "${1}xyzField", 1));
            data.Add(name + ": no primary key", "LSG013", NoPrimaryKey(text));
            data.Add(name + ": duplicate entity", "LSG010", DuplicateFirstEntity(text));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void The_preferred_fix_removes_the_problem_and_nothing_else(string name, string code, string text)
    {
        var doc = IdeDocument.Create(text);
        var diagnostic = doc.Diagnostics.First(d => d.Code == code);
        var fix = CodeActions.For(doc, diagnostic.Range).First(a => a.IsPreferred && a.Fixes.Contains(diagnostic));
        var fixedDoc = IdeDocument.Create(Fixture.Apply(text, fix.Edits));
        Assert.True(fixedDoc.Diagnostics.Count(d => d.Code == code) < doc.Diagnostics.Count(d => d.Code == code), $"{name}: {fix.Title} did not fix {code}");
        Assert.True(fixedDoc.Diagnostics.Count(d => d.Severity == Spec.Diagnostics.Severity.Error) <= doc.Diagnostics.Count(d => d.Severity == Spec.Diagnostics.Severity.Error) - (diagnostic.Severity == Spec.Diagnostics.Severity.Error ? 1 : 0),
            $"{name}: {fix.Title} left errors: " + string.Join("; ", fixedDoc.Diagnostics.Select(d => d.Code + " " + d.Message)));
        // Minimal: every line that is not touched by an edit is still there, in order.
        var touched = fix.Edits.SelectMany(e => Enumerable.Range(e.Range.Start.Line, e.Range.End.Line - e.Range.Start.Line + 1)).ToHashSet();
        var kept = text.Split('\n').Where((_, i) => !touched.Contains(i)).ToList();
        var after = fixedDoc.Text.Split('\n').ToList();
        var j = 0;
        foreach (var line in after) if (j < kept.Count && line == kept[j]) j++;
        Assert.Equal(kept.Count, j);
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found");
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    private static string NoPrimaryKey(string text)
    {
        // The first primary key marked in the text goes away, so that entity has none.
        var at = text.IndexOf("primary_key: true", StringComparison.Ordinal);
        Assert.True(at >= 0);
        var lineStart = text.LastIndexOf('\n', at) + 1;
        var lineEnd = text.IndexOf('\n', at);
        if (text[lineStart..at].Contains('{', StringComparison.Ordinal)) return ReplaceFirst(text, ", primary_key: true", "");
        return text[..lineStart] + text[(lineEnd + 1)..];
    }

    private static string DuplicateFirstEntity(string text)
    {
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.StartsWith("  - name: ", StringComparison.Ordinal));
        var next = lines.FindIndex(first + 1, l => l.StartsWith("  - ", StringComparison.Ordinal) || (l.Length > 0 && l[0] != ' ' && l[0] != '#'));
        if (next < 0) next = lines.Count;
        lines.InsertRange(next, lines.GetRange(first, next - first));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^spec_version: .*\n", RegexOptions.Multiline)]
    private static partial Regex SpecVersionLine();

    [GeneratedRegex(@"(name: )(title|due_date|email|full_name)\b")]
    private static partial Regex FieldName();
}
