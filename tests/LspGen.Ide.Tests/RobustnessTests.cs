using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

/// <summary>
/// Every feature at every position of valid, broken and truncated documents: nothing throws, every range
/// lies inside the document, completion ranges contain the caret, and edits never overlap.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Broken =
    [
        "",
        " ",
        "\n\n\n",
        "{",
        "[",
        "- - -",
        "---\nspec_version: \"1.0\"\n---\nb: 1\n",
        "\uFEFFspec_version: \"1.0\"\r\nentities:\r\n  - name: A\r\n    fields:\r\n      - name: id\r\n        type: \r\n",
        "spec_version: \"1.0\nproject_name: x\n",
        "entities:\n\t- name: A\n\t  fields:\n\t\t- name: b\n",
        "entities:\n  - name: A\n    fields:\n      - name: b\n        type: \n",
        "entities:\n  - name: A\n    fields:\n      - na",
        "entities:\n  - name: A\n    fields:\n      - name: b\n        type: [string, \n",
        "entities:\n  - &x {name: A, fields: []}\n  - *x\n",
        "entities:\n  - name: A\n    description: |\n      text: with colon\n      - dash\n    fields: []\n",
        "auth:\n  enabled: yes\n  type: oauth\n  access_token_expiry_minutes: \"30\"\ndatabase: {type: mysql, version: x}\n",
        "a: b: c\n  - d\n: e\n- f\n",
        "entities:\n- name: A\n  fields:\n  - name: id\n    type: uuid\n- name: A\n  fields:\n  - name: x\n    type: int\n",
        "'quoted key': 1\n\"k\": v\n? complex\n: value\n",
        "entities:\n  - name: \"\"\n    fields:\n      - name: \"\"\n        type: \"\"\n        references: \"\"\n",
        new string('[', 200),
        "entities:\n  - name: A\n    fields:\n      - name: b\n        type: uuid\n        references: A\n        references: B\n",
        "database: {type: postgres, version: \"16\"}\nentities: [{name: A, fields: [{name: id, type: uuid, primary_key: true}]}]\n",
        "entities:\n  - {name: A, fields: [{name: a, type: ",
        "{\"spec_version\": \"1.0\", \"project_name\": \"a\", \"entities\": [{\"name\": \"A\", \"fields\": [{\"name\": \"id\", \"type\": \"in",
        "{\n  \"spec_version\": \"1.0\",\n  \"entities\": [\n    {\"name\": \"A\", \"fields\": []}\n  ]\n}\n",
        "a: {b: [c, {d: 'e, f: \"g}]\n",
        "x:\n" + string.Concat(Enumerable.Range(1, 80).Select(i => new string(' ', i * 2) + "k" + i + ":\n")),
    ];

    public static TheoryData<string, string> Documents()
    {
        var data = new TheoryData<string, string>();
        for (var i = 0; i < Broken.Length; i++) data.Add("broken #" + i, Broken[i]);
        var random = new Random(20261120);
        foreach (var path in Examples.All())
        {
            var text = File.ReadAllText(path);
            var name = System.IO.Path.GetFileName(path);
            data.Add(name, text);
            for (var t = 0; t < 6; t++)
            {
                var cut = random.Next(text.Length);
                data.Add($"{name} cut at {cut}", text[..cut]);
            }
            var at = random.Next(text.Length - 40);
            data.Add($"{name} with 40 characters deleted at {at}", text.Remove(at, 40));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_feature_at_every_position_never_throws(string name, string text)
    {
        Assert.NotNull(name);
        var doc = IdeDocument.Create(text);
        var end = doc.Lines.PositionAt(text.Length);
        var whole = new SourceRange(new Position(0, 0), end);
        void InDocument(SourceRange r)
        {
            Assert.True(r.Start <= r.End, $"{r} is reversed");
            Assert.True(r.End <= end, $"{r} ends after the document ({end})");
        }

        foreach (var s in Flatten(DocumentSymbols.For(doc)))
        {
            InDocument(s.Range);
            InDocument(s.SelectionRange);
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
        }
        foreach (var f in FoldingRanges.For(doc)) Assert.True(f.StartLine < f.EndLine && f.EndLine < doc.Lines.LineCount);
        foreach (var l in CodeLenses.For(doc)) InDocument(l.Range);
        foreach (var action in CodeActions.For(doc, whole))
        {
            foreach (var e in action.Edits) InDocument(e.Range);
            var fixedText = Fixture.Apply(text, action.Edits);
            Assert.NotNull(IdeDocument.Create(fixedText).Diagnostics);
        }

        // Every position of small documents; a sample of large ones keeps the test fast.
        var step = text.Length > 3000 ? 7 : 1;
        for (var offset = 0; offset <= text.Length; offset += step)
        {
            // Between the \r and \n of a line break is not a position a client can send.
            if (offset > 0 && offset < text.Length && text[offset - 1] == '\r' && text[offset] == '\n') continue;
            var caret = doc.Lines.PositionAt(offset);
            foreach (var item in Completion.At(doc, caret))
            {
                Assert.NotNull(item.ReplaceRange);
                var r = item.ReplaceRange!.Value;
                InDocument(r);
                Assert.True(r.Start.Line == r.End.Line && r.Contains(caret), $"completion range {r} does not contain the caret {caret}");
            }
            if (Hover.At(doc, caret) is { } hover) InDocument(hover.Range);
            if (Navigation.DefinitionAt(doc, caret) is { } definition) InDocument(definition);
            foreach (var reference in Navigation.ReferencesAt(doc, caret, includeDeclaration: true)) InDocument(reference);
            var preparation = Rename.Prepare(doc, caret);
            Assert.True(preparation.CanRename ^ preparation.RefusalReason is not null);
            var rename = Rename.Apply(doc, caret, "Renamed");
            if (rename.Succeeded) Fixture.Apply(text, rename.Edits);
            foreach (var action in CodeActions.For(doc, new SourceRange(caret, caret)))
                Fixture.Apply(text, action.Edits);
        }
        // Positions a lagging client may send: past the end of a line and past the last line.
        Assert.NotNull(Completion.At(doc, new Position(doc.Lines.LineCount + 3, 500)));
        Assert.Null(Navigation.DefinitionAt(doc, new Position(-1, -1)));
    }

    private static IEnumerable<Symbol> Flatten(IEnumerable<Symbol> symbols) =>
        symbols.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));
}

/// <summary>The fast caret context (ancestor lines only) agrees with reading every line above the caret.</summary>
public class CaretContextEquivalenceTests
{
    public static TheoryData<string, string> Documents() => RobustnessTests.Documents();

    [Theory]
    [MemberData(nameof(Documents))]
    public void Fast_path_matches_the_exhaustive_scan_at_every_position(string name, string text)
    {
        var doc = IdeDocument.Create(text);
        var step = text.Length > 3000 ? 3 : 1;
        for (var offset = 0; offset <= text.Length; offset += step)
        {
            var caret = doc.Lines.PositionAt(offset);
            var fast = CaretContext.At(doc, caret);
            var full = CaretContext.At(doc, caret, exhaustive: true);
            var where = $"{name} at {caret}";
            Assert.True((fast.Slot, fast.Level, fast.Key, fast.ListKey, fast.TokenRange, fast.Column, fast.ColonFollows, fast.StartsItem, fast.DashColumn)
                == (full.Slot, full.Level, full.Key, full.ListKey, full.TokenRange, full.Column, full.ColonFollows, full.StartsItem, full.DashColumn),
                $"{where}: fast {fast} vs full {full}");
            Assert.True(fast.PresentKeys.SetEquals(full.PresentKeys), $"{where}: keys {string.Join(",", fast.PresentKeys)} vs {string.Join(",", full.PresentKeys)}");
        }
    }
}

public class HostileInputTests
{
    [Fact]
    public void Ten_thousand_levels_of_indentation_do_not_throw()
    {
        // How fast this answers is a benchmark's business (no timing assertion lives in a unit test).
        var text = string.Concat(Enumerable.Range(0, 10_000).Select(i => new string(' ', i) + "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":\n"));
        var doc = IdeDocument.Create(text);
        foreach (var line in new[] { 0, 5_000, 9_999 })
        {
            Assert.NotNull(Completion.At(doc, new Spec.Syntax.Position(line, line + 1)));
            _ = Hover.At(doc, new Spec.Syntax.Position(line, line + 1)); // may say nothing; must not throw
        }
        Assert.NotNull(DocumentSymbols.For(doc));
        Assert.NotNull(FoldingRanges.For(doc));
    }

    [Fact]
    public void A_megabyte_line_and_deep_flow_nesting_do_not_throw()
    {
        var huge = "description: " + new string('x', 1_000_000) + "\nentities: " + new string('[', 5_000) + "\n";
        var doc = IdeDocument.Create(huge);
        Assert.NotNull(Completion.At(doc, new Spec.Syntax.Position(0, 500_000)));
        Assert.NotNull(Completion.At(doc, new Spec.Syntax.Position(1, 4_000)));
        _ = Hover.At(doc, new Spec.Syntax.Position(1, 4_000)); // may say nothing; must not throw
        Assert.NotNull(DocumentSymbols.For(doc));
    }
}
