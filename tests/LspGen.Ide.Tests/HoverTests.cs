namespace LspGen.Ide.Tests;

public class HoverTests
{
    private static (HoverInfo? Hover, Fixture Fixture) HoverAt(string annotated)
    {
        var f = Fixture.Parse(annotated);
        return (Hover.At(f.Document, f.CaretPosition), f);
    }

    [Theory]
    [InlineData("[|spec_$$version|]: \"1.0\"\n", "**spec_version** (top level, required)")]
    [InlineData("database:\n  [|ty$$pe|]: postgres\n", "**type** (database, optional)")]
    [InlineData("auth:\n  [|access_token_expiry_min$$utes|]: 30\n", "**access_token_expiry_minutes** (auth, optional)")]
    [InlineData("entities:\n  - [|na$$me|]: Task\n", "**name** (entity, required)")]
    [InlineData("entities:\n  - name: Task\n    fields:\n      - name: a\n        [|max_$$length|]: 3\n", "**max_length** (field, optional)")]
    [InlineData("user_stories:\n  - [|go$$al|]: x\n", "**goal** (user story, required)")]
    [InlineData("entities:\n  - name: Task\n    [|renamed_$$from|]: Todo\n", "**renamed_from** (entity, optional)")]
    [InlineData("entities:\n  - name: Task\n    fields:\n      - name: a\n        [|renamed$$_from|]: b\n", "**renamed_from** (field, optional)")]
    public void Every_key_is_documented_where_it_is_allowed(string annotated, string expectedStart)
    {
        var (hover, f) = HoverAt(annotated);
        Assert.NotNull(hover);
        Assert.StartsWith(expectedStart, hover.Markdown, StringComparison.Ordinal);
        Assert.Equal(f.Range, hover.Range);
    }

    [Fact]
    public void Every_field_type_is_documented()
    {
        foreach (var type in Spec.FieldTypes.All)
        {
            var (hover, f) = HoverAt($"entities:\n  - name: A\n    fields:\n      - name: a\n        type: [|{type.Name[..1]}$${type.Name[1..]}|]\n");
            Assert.NotNull(hover);
            Assert.Equal($"**{type.Name}** (field type)\n\n{type.Documentation}", hover.Markdown);
            Assert.Equal(f.Range, hover.Range);
        }
    }

    [Fact]
    public void An_unknown_type_suggests_the_replacement()
    {
        var (hover, _) = HoverAt("entities:\n  - name: A\n    fields:\n      - name: a\n        type: in$$t\n");
        Assert.StartsWith("**int** is not a field type; did you mean **integer**?", hover!.Markdown, StringComparison.Ordinal);
    }

    private const string Shop = """
        spec_version: "1.0"
        project_name: shop
        entities:
          - name: Customer
            table_name: clients
            description: Someone who buys.
            fields:
              - name: email
                type: string
                unique: true
          - name: OrderItem
            fields:
              - name: id
                type: integer
                primary_key: true
              - name: customer_id
                type: uuid
                references: Cust$$omer
        """;

    [Fact]
    public void An_entity_reference_shows_the_entity_summary()
    {
        var (hover, _) = HoverAt(Shop);
        Assert.Equal("""
            **Customer** · entity · table `clients`

            Someone who buys.

            | field | type | |
            |---|---|---|
            | id | uuid | primary key (added) |
            | email | string | unique |

            Endpoints:
            - `POST /customers`
            - `GET /customers`
            - `GET /customers/{id}`
            - `PUT /customers/{id}`
            - `DELETE /customers/{id}`

            Every row belongs to the signed-in user (`user_id`).
            """, hover!.Markdown);
    }

    [Fact]
    public void An_entity_declaration_shows_its_summary_with_derived_table_and_routes()
    {
        var (hover, _) = HoverAt(Shop.Replace("$$", "", StringComparison.Ordinal).Replace("- name: OrderItem", "- name: Order$$Item", StringComparison.Ordinal));
        Assert.StartsWith("**OrderItem** · entity · table `order_items`", hover!.Markdown, StringComparison.Ordinal);
        Assert.Contains("| customer_id | uuid | → Customer |", hover.Markdown, StringComparison.Ordinal);
        Assert.Contains("- `DELETE /order-items/{id}`", hover.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_are_documented()
    {
        var (hover, _) = HoverAt("database:\n  type: post$$gres\n");
        Assert.StartsWith("**postgres**", hover!.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# a comm$$ent\nspec_version: \"1.0\"\n")]
    [InlineData("spec_version: \"1.0\"\n$$\n")]
    [InlineData("unknown_k$$ey: 1\n")]
    [InlineData("description: |\n  some te$$xt\n")]
    public void Nothing_to_say_outside_keys_and_values(string annotated)
    {
        Assert.Null(HoverAt(annotated).Hover);
    }
}

public class HoverInFlowTests
{
    [Fact]
    public void Keys_and_types_inside_flow_mappings()
    {
        var f = Fixture.Parse("entities:\n  - {name: A, fields: [{name: a, [|ty$$pe|]: uuid}]}\n");
        var hover = Hover.At(f.Document, f.CaretPosition);
        Assert.StartsWith("**type** (field, required)", hover!.Markdown, StringComparison.Ordinal);
        Assert.Equal(f.Range, hover.Range);

        var g = Fixture.Parse("entities:\n  - {name: A, fields: [{name: a, type: [|uu$$id|]}]}\n");
        var typeHover = Hover.At(g.Document, g.CaretPosition);
        Assert.Equal(SpecFormatText(Spec.FieldTypes.Find("uuid")!), typeHover!.Markdown);
        Assert.Equal(g.Range, typeHover.Range);
    }

    private static string SpecFormatText(Spec.FieldTypeInfo type) => $"**{type.Name}** (field type)\n\n{type.Documentation}";
}
