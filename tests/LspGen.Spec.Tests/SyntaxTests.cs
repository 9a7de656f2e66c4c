using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests;

public class SyntaxTests
{
    private static string Slice(string text, SourceRange range)
    {
        var lines = new LineMap(text);
        return text[lines.OffsetAt(range.Start)..lines.OffsetAt(range.End)];
    }

    [Fact]
    public void Every_key_and_value_keeps_its_exact_range()
    {
        var text = "entities:\n  - name: Project\n    fields: [ {name: id, type: 'uuid'} ]\n";
        var tree = SpecAnalyzer.Parse(text);
        Assert.Empty(tree.Diagnostics);
        var root = Assert.IsType<MappingNode>(tree.Root);
        var entities = Assert.IsType<SequenceNode>(root.Find("entities")!.Value);
        var project = Assert.IsType<MappingNode>(Assert.Single(entities.Items));
        var name = project.Find("name")!;
        Assert.Equal("name", Slice(text, name.Key.Range));
        Assert.Equal("Project", Slice(text, name.Value!.Range));
        var fields = Assert.IsType<SequenceNode>(project.Find("fields")!.Value);
        Assert.True(fields.IsFlow);
        Assert.Equal("[ {name: id, type: 'uuid'} ]", Slice(text, fields.Range));
        var field = Assert.IsType<MappingNode>(Assert.Single(fields.Items));
        Assert.Equal("{name: id, type: 'uuid'}", Slice(text, field.Range));
        var type = Assert.IsType<ScalarNode>(field.Find("type")!.Value);
        Assert.Equal("'uuid'", Slice(text, type.Range));
        Assert.Equal("uuid", type.Value);
        Assert.True(type.IsQuoted);
    }

    [Fact]
    public void Columns_are_utf16_offsets_even_after_astral_characters()
    {
        // 😀 is two UTF-16 code units: LSP counts both.
        var fixture = Fixture.Parse("description: \"😀 é\"\nproject_name: [|Bad-Name|]\nx: {a: \"😀\", b: [|c|]}\n");
        var tree = SpecAnalyzer.Parse(fixture.Text);
        var root = (MappingNode)tree.Root!;
        Assert.Equal(fixture.Ranges[0], root.Find("project_name")!.Value!.Range);
        Assert.Equal(fixture.Ranges[1], ((MappingNode)root.Find("x")!.Value!).Find("b")!.Value!.Range);
        Assert.Equal(SourceRange.Of(0, 13, 0, 19), root.Find("description")!.Value!.Range);
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_key()
    {
        var text = "\uFEFFspec_version: \"1.0\"\n";
        var tree = SpecAnalyzer.Parse(text);
        var entry = ((MappingNode)tree.Root!).Entries[0];
        Assert.Equal("spec_version", entry.KeyText);
        Assert.Equal(SourceRange.Of(0, 1, 0, 13), entry.Key.Range);
    }

    [Fact]
    public void Crlf_and_lone_cr_line_breaks_count_as_one_line_each()
    {
        var text = "a: 1\r\nb: 2\rc: 3\n";
        var root = (MappingNode)SpecAnalyzer.Parse(text).Root!;
        Assert.Equal(SourceRange.Of(1, 0, 1, 1), root.Entries[1].Key.Range);
        Assert.Equal(SourceRange.Of(2, 0, 2, 1), root.Entries[2].Key.Range);
    }

    [Fact]
    public void Json_spec_is_accepted()
    {
        var json = """
            {
              "spec_version": "1.0",
              "project_name": "json_demo",
              "auth": {"enabled": false},
              "entities": [
                {"name": "Note", "fields": [
                  {"name": "id", "type": "uuid", "primary_key": true},
                  {"name": "body", "type": "text", "nullable": false},
                  {"name": "stars", "type": "integer", "default": 0}
                ]}
              ]
            }
            """;
        var analysis = SpecAnalyzer.Analyze(json);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
        var note = Assert.Single(analysis.Document.Entities);
        Assert.Equal(3, note.Fields.Count);
        Assert.False(note.Fields[1].Nullable!.Value.Value);
        Assert.Equal(new Model.ScalarValue("0", false), note.Fields[2].Default!.Value.Value);
    }

    [Fact]
    public void Json_with_tab_indentation_and_crlf_is_accepted()
    {
        var json = "{\r\n\t\"spec_version\": \"1.0\",\r\n\t\"project_name\": \"tabs\",\r\n\t\"auth\": {\"enabled\": false},\r\n"
            + "\t\"entities\": [\r\n\t\t{\"name\": \"Note\", \"fields\": [{\"name\": \"id\", \"type\": \"uuid\", \"primary_key\": true}]}\r\n\t]\r\n}\r\n";
        var analysis = SpecAnalyzer.Analyze(json);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
        Assert.Equal(SourceRange.Of(5, 11, 5, 17), analysis.Document.Entities[0].Name.Range);
    }

    [Fact]
    public void Syntax_error_returns_the_tree_parsed_so_far_marked_incomplete()
    {
        var text = "spec_version: \"1.0\"\nentities:\n  - name: Project\n    fields:\n      - name: id\n    bad: [\n";
        var tree = SpecAnalyzer.Parse(text);
        Assert.True(tree.HasSyntaxErrors);
        var root = Assert.IsType<MappingNode>(tree.Root);
        Assert.False(root.IsComplete);
        var entities = Assert.IsType<SequenceNode>(root.Find("entities")!.Value);
        var project = Assert.IsType<MappingNode>(entities.Items[0]);
        Assert.Equal("Project", ((ScalarNode)project.Find("name")!.Value!).Value);
    }

    [Fact]
    public void Path_at_a_position_lists_the_nodes_and_their_keys()
    {
        var fixture = Fixture.Parse("entities:\n  - name: Project\n    fields:\n      - type: [|uu|]id\n");
        var tree = SpecAnalyzer.Parse(fixture.Text);
        var path = tree.PathAt(fixture.Range.End);
        Assert.Equal([null, "entities", null, "fields", null, "type"], path.Select(p => p.Key));
        Assert.Equal("uuid", Assert.IsType<ScalarNode>(path[^1].Node).Value);
    }

    [Fact]
    public void Deep_nesting_is_cut_off_with_a_diagnostic()
    {
        var text = new string('[', 10_000);
        var tree = SpecAnalyzer.Parse(text);
        var error = Assert.Single(tree.Diagnostics, d => d.Code == "LSG001");
        Assert.Contains("nesting deeper than 64", error.Message, StringComparison.Ordinal);
        Assert.Equal(SourceRange.Of(0, 64, 0, 65), error.Range);
    }

    [Fact]
    public void Aliases_are_never_expanded()
    {
        var bomb = new System.Text.StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        var previous = "a";
        for (var i = 0; i < 9; i++)
        {
            var name = "l" + i;
            bomb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
            previous = name;
        }
        var tree = SpecAnalyzer.Parse(bomb.ToString());
        Assert.Equal(81, tree.Diagnostics.Count(d => d.Code == "LSG008"));
        var last = (SequenceNode)((MappingNode)tree.Root!).Entries[^1].Value!;
        Assert.All(last.Items, item => Assert.IsType<AliasNode>(item));
    }

    [Fact]
    public void Oversized_input_is_rejected_without_parsing()
    {
        var text = "a: " + new string('x', YamlSyntax.MaxLength);
        var tree = SpecAnalyzer.Parse(text);
        Assert.Null(tree.Root);
        Assert.Contains("more than the limit", Assert.Single(tree.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_types_are_documented_and_canonical()
    {
        Assert.Equal(["string", "integer", "float", "boolean", "datetime", "uuid", "text"], FieldTypes.Names);
        Assert.All(FieldTypes.All, t => Assert.False(string.IsNullOrWhiteSpace(t.Documentation)));
        Assert.True(FieldTypes.IsCanonical("uuid"));
        Assert.False(FieldTypes.IsCanonical("UUID"));
        Assert.Equal("uuid", FieldTypes.BestReplacement("UUID"));
    }
}
