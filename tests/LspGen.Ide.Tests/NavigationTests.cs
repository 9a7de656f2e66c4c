namespace LspGen.Ide.Tests;

public class NavigationTests
{
    private const string Spec = """
        spec_version: "1.0"
        project_name: shop
        entities:
          - name: [|Customer|]
            fields:
              - name: id
                type: uuid
                primary_key: true
          - name: Order
            fields:
              - name: buyer
                type: uuid
                references: [|Cust$$omer|]
              - name: payer
                type: uuid
                references: "[|Customer|]"
              - name: other
                type: uuid
                references: Order
        """;

    [Fact]
    public void Definition_of_a_reference_is_the_entity_name()
    {
        var f = Fixture.Parse(Spec);
        Assert.Equal(f.Ranges[0], Navigation.DefinitionAt(f.Document, f.CaretPosition));
    }

    [Fact]
    public void References_from_a_reference_or_the_declaration()
    {
        var f = Fixture.Parse(Spec);
        var doc = f.Document;
        // The quoted reference's range includes its quotes: it is the scalar as written.
        var quoted = f.Ranges[2] with { Start = f.Ranges[2].Start with { Character = f.Ranges[2].Start.Character - 1 }, End = f.Ranges[2].End with { Character = f.Ranges[2].End.Character + 1 } };
        Assert.Equal([f.Ranges[1], quoted], Navigation.ReferencesAt(doc, f.CaretPosition, includeDeclaration: false));
        Assert.Equal([f.Ranges[0], f.Ranges[1], quoted], Navigation.ReferencesAt(doc, f.Ranges[0].Start, includeDeclaration: true));
    }

    [Fact]
    public void Nothing_on_other_tokens_or_unknown_entities()
    {
        var doc = IdeDocument.Create(Fixture.Parse(Spec).Text.Replace("references: Order", "references: Nope", StringComparison.Ordinal));
        Assert.Null(Navigation.DefinitionAt(doc, new(0, 3)));
        Assert.Null(Navigation.DefinitionAt(doc, new(18, 22)));
        Assert.Empty(Navigation.ReferencesAt(doc, new(18, 22), includeDeclaration: true));
    }
}
