using LspGen.Spec.Syntax;

namespace LspGen.Ide.Tests;

public class CodeActionsTests
{
    /// <summary>The actions offered for the diagnostics with <paramref name="code"/> in the document.</summary>
    private static (IdeDocument Doc, IReadOnlyList<CodeAction> Actions) ActionsFor(string text, string code)
    {
        var doc = IdeDocument.Create(text);
        var diagnostic = Assert.Single(doc.Diagnostics, d => d.Code == code);
        // Other diagnostics on the same range (e.g. LSG013 on a duplicate's name) bring their own fixes.
        var actions = CodeActions.For(doc, diagnostic.Range).Where(a => a.Fixes.Contains(diagnostic)).ToList();
        Assert.NotEmpty(actions);
        return (doc, actions);
    }

    private static string Applied(IdeDocument doc, CodeAction action) => Fixture.Apply(doc.Text, action.Edits);

    private const string Header = """
        # My shop — keep this comment
        spec_version: "1.0"
        project_name: shop   # trailing comment
        """;

    [Fact]
    public void Invalid_type_best_replacement_first_and_preferred_then_the_other_types()
    {
        var (doc, actions) = ActionsFor(Header + """

            entities:
              - name: Product
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: stock
                    type: int      # how many
            """, "LSG012");

        Assert.Equal("Change type to 'integer'", actions[0].Title);
        Assert.True(actions[0].IsPreferred);
        Assert.Equal(7, actions.Count);
        Assert.All(actions.Skip(1), a => Assert.False(a.IsPreferred));
        Assert.Equal(["string", "float", "boolean", "datetime", "uuid", "text"], actions.Skip(1).Select(a => a.Title["Change type to '".Length..^1]));
        Assert.Equal(doc.Text.Replace("type: int      # how many", "type: integer      # how many", StringComparison.Ordinal), Applied(doc, actions[0]));
        Assert.Equal(QuickFixKind, actions[0].Kind);
    }

    private const string QuickFixKind = "quickfix";

    [Fact]
    public void Invalid_quoted_type_keeps_its_quotes()
    {
        var (doc, actions) = ActionsFor("""
            spec_version: "1.0"
            project_name: shop
            entities:
              - name: Product
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: price
                    type: "double"
            """, "LSG012");
        Assert.EndsWith("type: \"float\"", Applied(doc, actions[0]), StringComparison.Ordinal);
    }

    private const string DuplicateTask = Header + """

        entities:
          - name: Task
            fields:
              - name: id
                type: uuid
                primary_key: true
          # the duplicate follows
          - name: Task
            fields:
              - name: id   # its key
                type: uuid
                primary_key: true
          - name: Task2
            fields:
              - name: id
                type: uuid
                primary_key: true
        """;

    [Fact]
    public void Duplicate_entity_rename_to_a_free_name()
    {
        var (doc, actions) = ActionsFor(DuplicateTask, "LSG010");
        var rename = actions[0];
        Assert.Equal("Rename to 'Task3'", rename.Title);
        var expected = DuplicateTask.Replace("""
          # the duplicate follows
          - name: Task
        """, """
          # the duplicate follows
          - name: Task3
        """, StringComparison.Ordinal);
        Assert.NotEqual(DuplicateTask, expected);
        Assert.Equal(expected, Applied(doc, rename));
        Assert.DoesNotContain(IdeDocument.Create(expected).Diagnostics, d => d.Code == "LSG010");
    }

    [Fact]
    public void Duplicate_entity_remove_the_whole_item_lines()
    {
        var (doc, actions) = ActionsFor(DuplicateTask, "LSG010");
        var remove = actions.Single(a => a.Title.StartsWith("Remove", StringComparison.Ordinal));
        Assert.Equal("Remove the duplicate entity 'Task' (lines 11–15)", remove.Title);
        Assert.False(remove.IsPreferred);
        var expected = Header + """

            entities:
              - name: Task
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
              # the duplicate follows
              - name: Task2
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
            """;
        Assert.Equal(expected, Applied(doc, remove));
        Assert.Empty(IdeDocument.Create(expected).Diagnostics);
    }

    [Fact]
    public void Duplicate_entity_removal_of_the_last_item_at_the_end_of_the_text()
    {
        var text = "spec_version: \"1.0\"\nproject_name: a\nentities:\n  - name: A\n    fields: [{name: id, type: uuid, primary_key: true}]\n  - name: A\n    fields: []";
        var (doc, actions) = ActionsFor(text, "LSG010");
        var remove = actions.Single(a => a.Title.StartsWith("Remove", StringComparison.Ordinal));
        Assert.Equal("spec_version: \"1.0\"\nproject_name: a\nentities:\n  - name: A\n    fields: [{name: id, type: uuid, primary_key: true}]", Applied(doc, remove));
    }

    [Fact]
    public void Missing_primary_key_inserts_id_as_the_first_field_with_the_list_indentation()
    {
        var (doc, actions) = ActionsFor(Header + """

            entities:
            - name: Note
              fields:
              # first the text
              -   name: body
                  type: text
            """, "LSG013");
        var fix = Assert.Single(actions);
        Assert.True(fix.IsPreferred);
        Assert.Equal(Header + """

            entities:
            - name: Note
              fields:
              # first the text
              -   name: id
                  type: uuid
                  primary_key: true
              -   name: body
                  type: text
            """, Applied(doc, fix));
    }

    [Fact]
    public void Missing_primary_key_with_a_field_named_id_marks_it()
    {
        var (doc, actions) = ActionsFor("""
            spec_version: "1.0"
            project_name: notes
            entities:
              - name: Note
                fields:
                  - name: id
                    type: integer
                  - name: body
                    type: text
            """, "LSG013");
        var fix = Assert.Single(actions);
        var after = Applied(doc, fix);
        Assert.Contains("      - name: id\n        type: integer\n        primary_key: true\n      - name: body", after, StringComparison.Ordinal);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }

    [Theory]
    [InlineData("fields:", "fields:\n      - name: id\n        type: uuid\n        primary_key: true")]
    [InlineData("fields:   # none yet", "fields:   # none yet\n      - name: id\n        type: uuid\n        primary_key: true")]
    [InlineData("fields: []", "fields:\n      - name: id\n        type: uuid\n        primary_key: true")]
    [InlineData("fields: [{name: body, type: text}]", "fields: [{name: id, type: uuid, primary_key: true}, {name: body, type: text}]")]
    public void Missing_primary_key_in_empty_or_flow_field_lists(string fields, string expected)
    {
        var text = "spec_version: \"1.0\"\nproject_name: notes\nentities:\n  - name: Note\n    " + fields + "\n";
        var doc = IdeDocument.Create(text);
        var diagnostic = doc.Diagnostics.Single(d => d.Code == "LSG013");
        var fix = Assert.Single(CodeActions.For(doc, diagnostic.Range));
        Assert.Equal("spec_version: \"1.0\"\nproject_name: notes\nentities:\n  - name: Note\n    " + expected + "\n", Applied(doc, fix));
    }

    [Fact]
    public void Non_canonical_entity_name_is_normalised()
    {
        var (doc, actions) = ActionsFor("""
            spec_version: "1.0"
            project_name: shop
            entities:
              - name: order_item   # line item
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
            """, "LSG021");
        var fix = Assert.Single(actions);
        Assert.Equal("Rename 'order_item' to 'OrderItem'", fix.Title);
        Assert.Contains("  - name: OrderItem   # line item\n", Applied(doc, fix), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_canonical_field_name_is_normalised()
    {
        var (doc, actions) = ActionsFor("""
            spec_version: "1.0"
            project_name: shop
            entities:
              - name: Order
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: "dueDate"
                    type: datetime
            """, "LSG021");
        Assert.Contains("- name: \"due_date\"\n", Applied(doc, Assert.Single(actions)), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_spec_version_is_inserted_above_the_first_key_below_the_header_comment()
    {
        var (doc, actions) = ActionsFor("""
            # header
            project_name: shop
            entities:
              - name: A
                fields:
                  - {name: id, type: uuid, primary_key: true}
            """, "LSG006");
        var after = Applied(doc, Assert.Single(actions));
        Assert.StartsWith("# header\nspec_version: \"1.0\"\nproject_name: shop\n", after, StringComparison.Ordinal);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }

    [Fact]
    public void Spec_version_written_as_a_number_gets_quoted()
    {
        var (doc, actions) = ActionsFor("spec_version: 1.0\nproject_name: a\nentities:\n  - name: A\n    fields: [{name: id, type: uuid, primary_key: true}]\n", "LSG006");
        Assert.StartsWith("spec_version: \"1.0\"\n", Applied(doc, Assert.Single(actions)), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_is_replaced_by_the_suggested_key()
    {
        var (doc, actions) = ActionsFor("""
            spec_version: "1.0"
            project_name: shop
            entities:
              - name: A
                fields:
                  - name: id
                    tpye: uuid   # typo
                    type: uuid
                    primary_key: true
            """, "LSG002");
        var fix = Assert.Single(actions);
        Assert.Equal("Replace 'tpye' with 'type'", fix.Title);
        Assert.Contains("        type: uuid   # typo\n", Applied(doc, fix), StringComparison.Ordinal);
    }

    [Fact]
    public void Boolean_written_as_yes_becomes_true()
    {
        var (doc, actions) = ActionsFor("spec_version: \"1.0\"\nproject_name: a\nauth:\n  enabled: yes\nentities:\n  - name: A\n    fields: [{name: id, type: uuid, primary_key: true}]\n", "LSG003");
        Assert.Contains("  enabled: true\n", Applied(doc, Assert.Single(actions)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_diagnostic_sent_back_without_data_still_gets_its_fix()
    {
        var doc = IdeDocument.Create("spec_version: \"1.0\"\nproject_name: a\nentities:\n  - name: A\n    fields:\n      - {name: id, type: guid, primary_key: true}\n");
        var own = doc.Diagnostics.Single(d => d.Code == "LSG012");
        var fromClient = own with { Data = new Dictionary<string, string>() };
        var actions = CodeActions.For(doc, own.Range, [fromClient]);
        Assert.Equal("Change type to 'uuid'", actions[0].Title);
    }

    [Fact]
    public void No_actions_where_there_is_nothing_to_fix()
    {
        var doc = IdeDocument.Create(File.ReadAllText(Examples.Path("task_manager.spec.yaml")));
        Assert.Empty(CodeActions.For(doc, new SourceRange(new Position(0, 0), doc.EndOfLine(doc.Lines.LineCount - 1))));
    }
}

public class CodeActionsInFlowAndJsonTests
{
    private static string FixedText(string text, string code)
    {
        var doc = IdeDocument.Create(text);
        var diagnostic = Assert.Single(doc.Diagnostics, d => d.Code == code);
        var action = CodeActions.For(doc, diagnostic.Range).First(a => a.Fixes.Contains(diagnostic));
        return Fixture.Apply(text, action.Edits);
    }

    [Fact]
    public void Json_spec_gets_json_spec_version()
    {
        var text = "{\"project_name\": \"a\", \"entities\": [{\"name\": \"A\", \"fields\": [{\"name\": \"id\", \"type\": \"uuid\", \"primary_key\": true}]}]}";
        var after = FixedText(text, "LSG006");
        Assert.StartsWith("{\"spec_version\": \"1.0\", \"project_name\"", after, StringComparison.Ordinal);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }

    [Theory]
    [InlineData("[]", "[{\"name\": \"id\", \"type\": \"uuid\", \"primary_key\": true}]")]
    [InlineData("[{\"name\": \"x\", \"type\": \"text\"}]", "[{\"name\": \"id\", \"type\": \"uuid\", \"primary_key\": true}, {\"name\": \"x\", \"type\": \"text\"}]")]
    [InlineData("[{\"name\": \"id\", \"type\": \"integer\"}]", "[{\"name\": \"id\", \"type\": \"integer\", \"primary_key\": true}]")]
    public void Json_spec_gets_a_json_primary_key(string fields, string expected)
    {
        var text = "{\"spec_version\": \"1.0\", \"project_name\": \"a\", \"entities\": [{\"name\": \"A\", \"fields\": " + fields + "}]}";
        var after = FixedText(text, "LSG013");
        Assert.Equal(text.Replace(fields, expected, StringComparison.Ordinal), after);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }

    [Theory]
    [InlineData("{name: A, fields: []}", "{name: A, fields: [{name: id, type: uuid, primary_key: true}]}")]
    [InlineData("{name: A, fields: [{name: id, type: uuid}]}", "{name: A, fields: [{name: id, type: uuid, primary_key: true}]}")]
    public void Yaml_flow_entity_gets_a_flow_primary_key(string entity, string expected)
    {
        var text = "spec_version: \"1.0\"\nproject_name: a\nentities:\n  - " + entity + "\n";
        var after = FixedText(text, "LSG013");
        Assert.Equal(text.Replace(entity, expected, StringComparison.Ordinal), after);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }
}

public class ReferenceTypeFixTests
{
    [Fact]
    public void A_reference_field_gets_the_key_type_of_its_target()
    {
        var text = """
            spec_version: "1.0"
            project_name: shop
            entities:
              - name: Product
                fields:
                  - name: id
                    type: integer
                    primary_key: true
              - name: Review
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: product_id
                    type: uuid        # wrong: Product has an integer key
                    references: Product
            """;
        var doc = IdeDocument.Create(text);
        var diagnostic = doc.Diagnostics.Single(d => d.Code == "LSG020");
        var fix = Assert.Single(CodeActions.For(doc, diagnostic.Range), a => a.Fixes.Contains(diagnostic));
        Assert.Equal("Change the type of 'product_id' to 'integer'", fix.Title);
        var after = Fixture.Apply(text, fix.Edits);
        Assert.Equal(text.Replace("type: uuid        # wrong", "type: integer        # wrong", StringComparison.Ordinal), after);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }
}

public class PrimaryKeyFalseTests
{
    [Fact]
    public void An_id_marked_primary_key_false_is_switched_to_true()
    {
        var text = "spec_version: \"1.0\"\nproject_name: a\nentities:\n  - name: A\n    fields:\n      - name: id\n        primary_key: false  # was off\n        type: uuid\n";
        var doc = IdeDocument.Create(text);
        var diagnostic = doc.Diagnostics.Single(d => d.Code == "LSG013");
        var fix = Assert.Single(CodeActions.For(doc, diagnostic.Range), a => a.Fixes.Contains(diagnostic));
        var after = Fixture.Apply(text, fix.Edits);
        Assert.Equal(text.Replace("primary_key: false", "primary_key: true", StringComparison.Ordinal), after);
        Assert.Empty(IdeDocument.Create(after).Diagnostics);
    }
}
