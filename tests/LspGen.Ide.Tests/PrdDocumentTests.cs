using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

public class PrdDocumentTests
{
    [Fact]
    public void A_prd_reports_its_diagnostics_and_the_yaml_features_stay_silent()
    {
        var path = Examples.Path("project_tracker.prd.md");
        var markdown = File.ReadAllText(path);
        var doc = IdeDocument.CreatePrd(markdown, Path.GetFileName(path));
        Assert.Equal(DocumentKind.Prd, doc.Kind);
        Assert.NotEmpty(doc.Spec.Entities);

        var broken = IdeDocument.CreatePrd("# Shop\n\n## Entities\n\n- Product: name (strin)\n", "shop.prd.md");
        Assert.NotEmpty(broken.Diagnostics);

        var caret = new Position(2, 3);
        Assert.Empty(Completion.At(doc, caret));
        Assert.Null(Hover.At(doc, caret));
        Assert.Empty(DocumentSymbols.For(doc));
        Assert.Empty(FoldingRanges.For(doc));
        Assert.Empty(CodeLenses.For(doc));
        Assert.Empty(CodeActions.For(broken, new SourceRange(new Position(0, 0), broken.EndOfLine(4))));
        Assert.False(Rename.Prepare(doc, caret).CanRename);
        Assert.Null(Navigation.DefinitionAt(doc, caret));
    }
}

public class PrdCompletionTests
{
    private static (Fixture F, IReadOnlyList<CompletionItem> Items) Complete(string annotated)
    {
        var f = Fixture.Parse(annotated);
        return (f, Completion.At(IdeDocument.CreatePrd(f.Text, "shop.prd.md"), f.CaretPosition));
    }

    private const string Shop = """
        # Shop

        ## Entities

        - Product: title (string, required), price (float)
        - Review: body ([|te$$|]
        """;

    [Fact]
    public void Types_and_entity_names_inside_the_parentheses()
    {
        var (f, items) = Complete(Shop);
        Assert.Equal([.. Spec.FieldTypes.Names, "Product", "Review"], items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(f.Range, i.ReplaceRange));
    }

    [Fact]
    public void Modifiers_after_the_type()
    {
        var (_, items) = Complete("## Entities\n\n- Review: body (text, $$\n");
        Assert.Equal(["required", "optional", "unique", "indexed", "primary key"], items.Select(i => i.Label));
    }

    [Fact]
    public void Types_after_the_name_of_a_field_bullet_but_not_after_an_entity_name()
    {
        var (f, items) = Complete("## Entities\n\n### Comment\n\n- body: [|$$|]\n");
        Assert.Contains(items, i => i.Label == "text" && i.ReplaceRange == f.Range);
        Assert.Empty(Complete("## Entities\n\n- Comment: $$\n").Items);
    }

    [Fact]
    public void Section_headings_not_yet_written()
    {
        var (f, items) = Complete("# Shop\n\n## 2. Entities\n\n- Product: title (string)\n\n## [|Us$$|]\n");
        Assert.Equal(["User Stories", "Integrations"], items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(f.Range, i.ReplaceRange));
        Assert.Empty(Complete("# Sh$$op\n").Items);
    }

    [Fact]
    public void Plain_text_gets_nothing()
    {
        Assert.Empty(Complete("# Shop\n\nA shop that sells th$$ings.\n").Items);
    }
}

public class PrdRobustnessTests
{
    [Fact]
    public void Completion_at_every_position_of_the_example_prds_never_throws()
    {
        var prds = Directory.GetFiles(Examples.Directory, "*.prd.md");
        Assert.NotEmpty(prds);
        foreach (var path in prds)
        {
            var text = File.ReadAllText(path);
            foreach (var version in new[] { text, text[..(text.Length / 2)], text.Replace("(", "", StringComparison.Ordinal) })
            {
                var doc = IdeDocument.CreatePrd(version, Path.GetFileName(path));
                for (var offset = 0; offset <= version.Length; offset++)
                {
                    var caret = doc.Lines.PositionAt(offset);
                    foreach (var item in Completion.At(doc, caret))
                    {
                        var r = item.ReplaceRange!.Value;
                        Assert.True(r.Start.Line == r.End.Line && r.Contains(caret), $"{path} at {caret}: {r}");
                    }
                }
            }
        }
    }
}
