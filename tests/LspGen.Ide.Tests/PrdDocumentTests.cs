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
