using LspGen.Spec;

namespace LspGen.Ide.Tests;

public class CompletionTests
{
    private static IReadOnlyList<CompletionItem> Complete(string annotated)
    {
        var f = Fixture.Parse(annotated);
        return Completion.At(f.Document, f.CaretPosition);
    }

    private static List<string> Labels(string annotated) => [.. Complete(annotated).Select(i => i.Label)];

    [Fact]
    public void Top_level_keys_not_yet_written()
    {
        var labels = Labels("""
            spec_version: "1.0"
            project_name: shop
            $$
            """);
        Assert.Equal(["entities", "description", "database", "auth", "user_stories", "integrations"], labels);
    }

    [Fact]
    public void Keys_written_below_the_caret_are_not_offered_again()
    {
        var labels = Labels("""
            spec_version: "1.0"
            pro$$
            entities: []
            """);
        Assert.Contains("project_name", labels);
        Assert.DoesNotContain("entities", labels);
        Assert.DoesNotContain("spec_version", labels);
    }

    [Fact]
    public void Database_keys_under_database()
    {
        Assert.Equal(["type", "version"], Labels("""
            spec_version: "1.0"
            database:
              $$
            """));
        Assert.Equal(["version"], Labels("""
            database:
              type: postgres
              v$$
            auth:
              enabled: true
            """));
    }

    [Fact]
    public void Auth_keys_under_auth_except_those_present()
    {
        Assert.Equal(["type", "access_token_expiry_minutes"], Labels("""
            auth:
              enabled: false
              $$
            """));
    }

    [Fact]
    public void Entity_keys_in_an_entity_item()
    {
        var labels = Labels("""
            entities:
              - name: Task
                $$
                fields:
                  - name: id
                    type: uuid
            """);
        Assert.Equal(["table_name", "crud", "renamed_from", "description"], labels);
    }

    [Fact]
    public void Field_keys_in_a_field_item()
    {
        var labels = Labels("""
            entities:
              - name: Task
                fields:
                  - name: title
                    type: string
                    $$
            """);
        Assert.Equal(["primary_key", "nullable", "unique", "index", "max_length", "default", "references", "renamed_from", "description"], labels);
    }

    [Fact]
    public void Renamed_from_is_offered_with_its_documentation_in_entities_and_fields()
    {
        var field = Assert.Single(Complete("""
            entities:
              - name: Task
                fields:
                  - name: title
                    type: string
                    ren$$
            """), i => i.Label == "renamed_from");
        Assert.Contains("renames its column", field.Documentation, StringComparison.Ordinal);
        var entity = Assert.Single(Complete("""
            entities:
              - name: Task
                ren$$
                fields: []
            """), i => i.Label == "renamed_from");
        Assert.Contains("renames its table", entity.Documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_half_typed_dash_item_offers_field_keys_and_the_field_snippet()
    {
        var items = Complete("""
            entities:
              - name: Task
                fields:
                  - name: id
                    type: uuid
                  - na$$
            """);
        var name = items.First(i => i.Label == "name");
        Assert.Equal("name: ", name.InsertText);
        Assert.True(name.Preselect);
        var snippet = items.Single(i => i.Kind == CompletionKind.Snippet);
        Assert.Equal("new field", snippet.Label);
        Assert.Equal("- name: ${1:name}\n        type: ${2|string,integer,float,boolean,datetime,uuid,text|}$0", snippet.InsertText);
        Assert.Equal(Fixture.Parse("""
            entities:
              - name: Task
                fields:
                  - name: id
                    type: uuid
                  [|- na|]
            """).Range, snippet.ReplaceRange);
    }

    [Fact]
    public void Field_types_after_type_with_nothing_after_it()
    {
        var f = Fixture.Parse("""
            spec_version: "1.0"
            entities:
              - name: Task
                fields:
                  - name: title
                    type: [|$$|]
            """);
        var items = Completion.At(f.Document, f.CaretPosition);
        Assert.Equal(FieldTypes.Names, items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(CompletionKind.FieldType, i.Kind));
        Assert.All(items, i => Assert.Equal(f.Range, i.ReplaceRange));
        Assert.Contains("VARCHAR", items[0].Documentation);
    }

    [Fact]
    public void A_half_typed_type_is_replaced_whole()
    {
        var f = Fixture.Parse("""
            entities:
              - name: Task
                fields:
                  - name: title
                    type: [|in$$t|]   # the id
                  - name: done
                    type: boolean
            """);
        var items = Completion.At(f.Document, f.CaretPosition);
        Assert.Contains(items, i => i.Label == "integer");
        Assert.All(items, i => Assert.Equal(f.Range, i.ReplaceRange));
    }

    [Fact]
    public void A_value_right_after_the_colon_gets_a_blank_in_front()
    {
        var items = Complete("""
            entities:
              - name: Task
                fields:
                  - name: title
                    type:$$
            """);
        Assert.Equal(" string", items[0].InsertText);
    }

    [Fact]
    public void Enum_values()
    {
        Assert.Equal(["postgres"], Labels("database:\n  type: $$\n"));
        Assert.Equal(["jwt"], Labels("auth:\n  type: $$\n"));
        Assert.Equal(["\"1.0\""], Labels("spec_version: $$\n"));
        Assert.Equal(["true", "false"], Labels("auth:\n  enabled: $$\n"));
        Assert.Equal(["true", "false"], Labels("entities:\n  - name: A\n    crud: $$\n"));
        Assert.Equal(["true", "false"], Labels("entities:\n  - name: A\n    fields:\n      - name: id\n        unique: $$\n"));
    }

    [Fact]
    public void Entity_names_after_references_including_entities_below_a_syntax_error()
    {
        var labels = Labels("""
            entities:
              - name: Project
                fields:
                  - name: owner
                    type: uuid
                    references: $$
                  - name: broken
                    type: [ uuid
              - name: Customer
                fields: []
            """);
        Assert.Equal(["Project", "Customer"], labels);
    }

    [Fact]
    public void A_new_entity_snippet_under_entities()
    {
        var items = Complete("""
            spec_version: "1.0"
            entities:
              - name: Project
                fields:
                  - name: id
                    type: uuid
              $$
            """);
        var snippet = Assert.Single(items);
        Assert.Equal("new entity", snippet.Label);
        Assert.True(snippet.IsSnippet);
        Assert.Equal("""
            - name: ${1:Entity}
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: ${2:name}
                    type: ${3|string,integer,float,boolean,datetime,uuid,text|}$0
            """, snippet.InsertText);
    }

    [Fact]
    public void An_entity_snippet_on_the_line_after_entities()
    {
        var items = Complete("entities:\n  $$");
        Assert.Equal("new entity", Assert.Single(items).Label);
    }

    [Fact]
    public void A_fresh_dash_under_entities_offers_entity_keys_and_the_entity_snippet()
    {
        var labels = Labels("entities:\n  - $$\n");
        Assert.Equal(["name", "fields", "table_name", "crud", "renamed_from", "description", "new entity"], labels);
    }

    [Fact]
    public void Fields_key_snippet_inserts_a_first_field()
    {
        var items = Complete("""
            entities:
              - name: Task
                fi$$
            """);
        var fields = items.Single(i => i.Label == "fields");
        Assert.Equal("fields:\n      - name: ${1:name}\n        type: ${2|string,integer,float,boolean,datetime,uuid,text|}$0", fields.InsertText);
    }

    [Fact]
    public void Completing_a_key_before_an_existing_colon_inserts_only_the_name()
    {
        var f = Fixture.Parse("""
            entities:
              - name: Task
                fields:
                  - name: title
                    [|ty$$pe|]: string
            """);
        var items = Completion.At(f.Document, f.CaretPosition);
        var type = items.Single(i => i.Label == "type");
        Assert.Equal("type", type.InsertText);
        Assert.Equal(f.Range, type.ReplaceRange);
    }

    [Fact]
    public void No_completion_in_comments_or_block_text()
    {
        Assert.Empty(Labels("spec_version: \"1.0\"  # ver$$\n"));
        Assert.Empty(Labels("description: |\n  Some text\n  more$$\n"));
    }

    [Fact]
    public void A_blank_line_after_a_block_scalar_at_key_column_is_a_new_key()
    {
        var labels = Labels("""
            entities:
              - name: Task
                description: >
                  Long text
                $$
            """);
        Assert.Contains("fields", labels);
        Assert.DoesNotContain("description", labels);
    }

    [Fact]
    public void Tabs_in_indentation_do_not_break_completion()
    {
        var labels = Labels("entities:\n\t- name: A\n\t  $$\n");
        Assert.Contains("fields", labels);
    }

    [Fact]
    public void A_document_cut_in_the_middle_of_an_entity()
    {
        var labels = Labels("""
            spec_version: "1.0"
            project_name: x
            entities:
              - name: Task
                fields:
                  - name: title
                    type: string
                    nullable: fal
              - name: Pro$$
            """);
        Assert.Empty(labels);
        Assert.Equal(["database", "auth"], Labels("""
            spec_version: "1.0"
            project_name: x
            description: y
            user_stories: []
            integrations: []
            entities:
              - name: Task
                fields:
                  - name: title
                    type: [ string
            $$
            """));
    }
}

public class FlowCompletionTests
{
    private static (Fixture F, IReadOnlyList<CompletionItem> Items) Complete(string annotated)
    {
        var f = Fixture.Parse(annotated);
        return (f, Completion.At(f.Document, f.CaretPosition));
    }

    [Fact]
    public void Values_in_a_flow_mapping()
    {
        var (f, items) = Complete("database: {type: [|p$$|]}\n");
        var postgres = Assert.Single(items);
        Assert.Equal(("postgres", f.Range), (postgres.InsertText, postgres.ReplaceRange));
    }

    [Fact]
    public void Field_types_in_a_flow_field_of_a_flow_list()
    {
        var (f, items) = Complete("entities:\n  - name: A\n    fields: [{name: id, type: uuid}, {name: a, type: [|$$|]}]\n");
        Assert.Equal(Spec.FieldTypes.Names, items.Select(i => i.Label));
        Assert.All(items, i => Assert.Equal(f.Range, i.ReplaceRange));
    }

    [Fact]
    public void Keys_in_a_flow_field_item_stay_on_one_line_and_skip_present_keys()
    {
        var (f, items) = Complete("entities:\n  - name: A\n    fields:\n      - {name: a, [|ty$$|]}\n");
        var type = items.Single(i => i.Label == "type");
        Assert.Equal(("type: ", false, f.Range), (type.InsertText, type.IsSnippet, type.ReplaceRange));
        Assert.DoesNotContain(items, i => i.Label == "name");
        Assert.DoesNotContain(items, i => i.InsertText.Contains('\n'));
    }

    [Fact]
    public void Json_keeps_its_quotes()
    {
        var (f, items) = Complete("{\"spec_version\": \"1.0\", \"entities\": [{\"name\": \"A\", \"fields\": [{\"name\": \"a\", \"type\": [|\"in$$|]");
        var integer = items.Single(i => i.Label == "integer");
        Assert.Equal(("\"integer\"", f.Range), (integer.InsertText, integer.ReplaceRange));

        var (g, keys) = Complete("{\"spec_version\": \"1.0\", [|\"pro$$|]");
        var project = keys.Single(i => i.Label == "project_name");
        Assert.Equal(("\"project_name\": ", g.Range), (project.InsertText, project.ReplaceRange));
        Assert.DoesNotContain(keys, i => i.Label == "spec_version");
    }

    [Fact]
    public void After_a_closed_flow_collection_there_is_nothing_to_complete()
    {
        Assert.Empty(Complete("database: {type: postgres} $$\n").Items);
    }
}
