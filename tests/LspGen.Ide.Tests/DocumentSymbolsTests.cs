using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

public class DocumentSymbolsTests
{
    [Fact]
    public void Entities_contain_their_fields_and_blocks_their_settings()
    {
        var f = Fixture.Parse("""
            spec_version: "1.0"
            project_name: shop
            [|database|]:
              type: postgres
            entities:
              - name: [|Product|]
                fields:
                  - name: [|sku|]
                    type: string
                    primary_key: true
                  - name: price
                    type: float
            """);
        var symbols = DocumentSymbols.For(f.Document);

        Assert.Equal(["spec_version", "project_name", "database", "entities"], symbols.Select(s => s.Name));
        var database = symbols[2];
        Assert.Equal(SymbolKind.Block, database.Kind);
        Assert.Equal(f.Ranges[0], database.SelectionRange);
        Assert.Equal("type", Assert.Single(database.Children).Name);

        var product = Assert.Single(symbols[3].Children);
        Assert.Equal(("Product", SymbolKind.Entity, "2 fields"), (product.Name, product.Kind, product.Detail));
        Assert.Equal(f.Ranges[1], product.SelectionRange);
        Assert.Equal(["sku", "price"], product.Children.Select(c => c.Name));
        Assert.Equal(f.Ranges[2], product.Children[0].SelectionRange);
        Assert.Equal("string · primary key", product.Children[0].Detail);
        Assert.Equal(new SourceRange(new Position(5, 4), new Position(11, 19)), product.Range);
    }

    [Fact]
    public void A_document_cut_in_the_middle_of_an_entity_still_has_an_outline()
    {
        var f = Fixture.Parse("""
            spec_version: "1.0"
            entities:
              - name: Task
                fields:
                  - name: title
                    type: [ string
            """);
        var symbols = DocumentSymbols.For(f.Document);
        var task = Assert.Single(symbols.Single(s => s.Name == "entities").Children);
        Assert.Equal("Task", task.Name);
    }

    [Fact]
    public void An_item_without_a_name_gets_a_placeholder_name()
    {
        var symbols = DocumentSymbols.For(IdeDocument.Create("entities:\n  - fields: []\n"));
        Assert.Equal("(unnamed entity)", Assert.Single(symbols[0].Children).Name);
    }
}

public class DocumentSymbolDetailTests
{
    [Fact]
    public void Long_and_multi_line_text_is_cut_in_details()
    {
        var symbols = DocumentSymbols.For(IdeDocument.Create("description: |\n  first line\n  second\nproject_name: " + new string('a', 200) + "\n"));
        Assert.Equal("first line…", symbols[0].Detail);
        Assert.Equal(new string('a', 79) + "…", symbols[1].Detail);
    }
}
