using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

/// <summary>
/// The features work on an incrementally analysed version exactly as on a fresh one: for every example,
/// after a character typed in a field type and after a field's line written twice (which moves every
/// line below it), completion, hover, code lenses, symbols and diagnostics answer the same at every line.
/// </summary>
public class IncrementalDocumentTests
{
    public static TheoryData<string> ExampleFiles() => [.. Examples.All()];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Features_answer_the_same_on_an_incremental_version(string file)
    {
        var text = File.ReadAllText(file);
        var typeAt = text.IndexOf("type: ", text.IndexOf("entities:", StringComparison.Ordinal), StringComparison.Ordinal) + "type: ".Length;
        // The line with that type written twice (a duplicate key, or a duplicate field in flow style).
        var lineAt = text.LastIndexOf('\n', typeAt) + 1;
        var line = text[lineAt..(text.IndexOf('\n', typeAt) + 1)];
        var previous = IdeDocument.Create(text);
        foreach (var edited in new[] { text.Insert(typeAt, "x"), text.Insert(lineAt, line) })
        {
            var incremental = IdeDocument.Update(previous, edited);
            Assert.True(incremental.WasIncremental, file);
            var fresh = IdeDocument.Create(edited);
            Assert.Equal(Show(fresh), Show(incremental));
        }
    }

    private static string Show(IdeDocument doc)
    {
        var lines = new List<string>();
        lines.AddRange(doc.Diagnostics.Select(d => $"{d.Code} {d.Severity} {d.Range} {d.Message}"));
        lines.AddRange(CodeLenses.For(doc).Select(l => $"lens {l.Range} {l.Title}"));
        var symbols = new Stack<Symbol>(DocumentSymbols.For(doc).Reverse());
        while (symbols.Count > 0)
        {
            var symbol = symbols.Pop();
            lines.Add($"symbol {symbol.Name} {symbol.Kind} {symbol.Detail} {symbol.Range} {symbol.SelectionRange} {symbol.Children.Count}");
            foreach (var child in symbol.Children.Reverse()) symbols.Push(child);
        }
        for (var line = 0; line < doc.Lines.LineCount; line++)
        {
            var text = doc.LineText(line);
            var at = new Position(line, text.Length - text.TrimStart().Length);
            var end = new Position(line, text.Length);
            lines.Add($"{line}: " + string.Join(",", Completion.At(doc, end).Select(c => c.Label)));
            if (Hover.At(doc, at) is { } hover) lines.Add($"{line}: hover {hover.Range} {hover.Markdown}");
        }
        return string.Join("\n", lines);
    }
}
