using LspGen.Spec.Diagnostics;

namespace LspGen.Spec.Tests;

/// <summary>Every code: a bad input as the user would write it, the exact code and the exact range ([|…|]).</summary>
public class DiagnosticCodeTests
{
    [Fact]
    public void LSG001_syntax_error_points_at_the_bad_token()
    {
        var d = Fixture.Single("""
            spec_version: "1.0"
            project_name: demo
              [|entities: []|]
            """, "LSG001");
        Assert.Equal(Severity.Error, d.Severity);
    }

    [Fact]
    public void LSG001_unclosed_flow_sequence_at_end_of_text()
    {
        Fixture.Single("""
            spec_version: "1.0"
            [|entities: [{name: A|]

            """, "LSG001");
    }

    [Fact]
    public void LSG001_second_document()
    {
        Fixture.Single(Specs.WithFields("") + "[|---|]\nspec_version: \"1.0\"\n", "LSG001");
    }

    [Fact]
    public void LSG002_unknown_key_suggests_the_nearest_allowed_key()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: Item
                fields:
                  - name: id
                    type: uuid
                    [|primary_kye|]: true
            """, "LSG002");
        Assert.Equal("primary_key", d.Data["replacement"]);
        Assert.Contains("Did you mean 'primary_key'?", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pk", "primary_key")]
    [InlineData("length", "max_length")]
    [InlineData("foreign_key", "references")]
    [InlineData("Type", "type")]
    public void LSG002_keys_from_other_schema_languages_suggest_the_spec_key(string key, string replacement)
    {
        var d = Fixture.Single(Specs.WithFields($"""
                  - name: title
                    type: string
                    [|{key}|]: x
            """), "LSG002");
        Assert.Equal(replacement, d.Data["replacement"]);
    }

    [Fact]
    public void LSG002_unknown_key_without_a_close_match_lists_the_allowed_keys()
    {
        var d = Fixture.Single(Specs.WithFields("") + "[|colour|]: blue\n", "LSG002");
        Assert.False(d.Data.ContainsKey("replacement"));
        Assert.Contains("Allowed keys: spec_version", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG003_yes_is_not_a_boolean_in_yaml_1_2()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: title
                    type: string
                    nullable: [|yes|]
            """), "LSG003");
        Assert.Equal("true", d.Data["replacement"]);
        Assert.Contains("YAML 1.2 booleans are only true and false", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG003_mapping_where_text_is_expected()
    {
        Fixture.Single(Specs.Head + """
            description: [|{short: x}|]
            entities:
              - name: Item
                fields: []
            """, "LSG003");
    }

    [Fact]
    public void LSG003_quoted_number_where_a_number_is_expected()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: title
                    type: string
                    max_length: [|"80"|]
            """), "LSG003");
        Assert.Contains("remove the quotes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG004_missing_field_type_points_at_the_items_first_line()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - [|name: title|]
                    max_length: 80
            """), "LSG004");
        Assert.Contains("'type'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG004_missing_top_level_key_points_at_the_first_line()
    {
        var d = Fixture.Single("""
            [|spec_version: "1.0"|]
            entities:
              - name: Item
                fields: []
            """, "LSG004");
        Assert.Contains("'project_name'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG005_unsupported_database_type()
    {
        var d = Fixture.Single(Specs.WithFields("") + "database:\n  type: [|mysql|]\n", "LSG005");
        Assert.Equal("postgres", d.Data["replacement"]);
    }

    [Fact]
    public void LSG005_values_out_of_range()
    {
        Fixture.All("""
            spec_version: "1.0"
            project_name: demo
            auth: {enabled: true, type: [|oauth|], access_token_expiry_minutes: [|0|]}
            entities:
              - name: Item
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: title, type: string, max_length: [|10485761|]}
            """, "LSG005");
    }

    [Fact]
    public void LSG005_empty_entity_list()
    {
        Fixture.Single(Specs.Head + "entities: [|[]|]\n", "LSG005");
    }

    [Fact]
    public void LSG005_entities_without_a_value()
    {
        Fixture.Single(Specs.Head + "[|entities|]:\n", "LSG005");
    }

    [Fact]
    public void Empty_quoted_values_are_checked_as_values()
    {
        var fixture = Fixture.Parse("""
            spec_version: "1.0"
            project_name: [|""|]
            entities:
              - name: [|""|]
                table_name: [|''|]
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: [|""|], type: string}
                  - {name: kind, type: [|""|]}
                  - {name: ref_id, type: uuid, references: [|""|]}
            """);
        var analysis = SpecAnalyzer.Analyze(fixture.Text);
        Assert.Equal(["LSG015", "LSG015", "LSG015", "LSG015", "LSG012", "LSG018"], analysis.Diagnostics.Select(d => d.Code));
        Assert.Equal(fixture.Ranges, analysis.Diagnostics.Select(d => d.Range));
    }

    [Fact]
    public void LSG006_missing_spec_version()
    {
        Fixture.Single("""
            [|project_name: demo|]
            entities:
              - name: Item
                fields: []
            """, "LSG006");
    }

    [Fact]
    public void LSG006_unsupported_spec_version()
    {
        var d = Fixture.Single("spec_version: [|\"2.0\"|]\nproject_name: demo\nentities: [{name: A, fields: []}]\n", "LSG006");
        Assert.Equal(Severity.Error, d.Severity);
    }

    [Fact]
    public void LSG006_unquoted_1_0_is_accepted_with_a_warning_to_quote_it()
    {
        var d = Fixture.Single("spec_version: [|1.0|]\nproject_name: demo\nentities: [{name: A, fields: [{name: id, type: uuid, primary_key: true}]}]\n", "LSG006");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal("\"1.0\"", d.Data["replacement"]);
        Assert.Contains("quote", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG007_duplicate_key_relates_to_the_first()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: title
                    type: string
                    [|type|]: text
            """), "LSG007");
        Assert.Equal(new Syntax.Position(11, 8), Assert.Single(d.Related).Range.Start);
    }

    [Fact]
    public void LSG008_alias_is_reported_not_expanded()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - name: Item
                fields: &f
                  - {name: id, type: uuid, primary_key: true}
              - name: Other
                fields: [|*f|]
            """, "LSG008");
    }

    [Fact]
    public void LSG010_duplicate_entity_after_normalisation()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: OrderItem
                fields: [{name: id, type: uuid, primary_key: true}]
              - name: [|Order_Item|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG010");
        Assert.Equal(SourceRangeOf(5, 10, 19), Assert.Single(d.Related).Range);
    }

    [Fact]
    public void LSG010_duplicate_entity_ignores_case()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - {name: Project, fields: [{name: id, type: uuid, primary_key: true}]}
              - {name: [|PROJECT|], fields: [{name: id, type: uuid, primary_key: true}]}
            """, "LSG010");
    }

    [Fact]
    public void LSG011_duplicate_field()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: due_date
                    type: datetime
                  - name: [|DueDate|]
                    type: datetime
            """), "LSG011");
        Assert.Single(d.Related);
    }

    [Theory]
    [InlineData("int", "integer")]
    [InlineData("str", "string")]
    [InlineData("varchar", "string")]
    [InlineData("char", "string")]
    [InlineData("bool", "boolean")]
    [InlineData("double", "float")]
    [InlineData("decimal", "float")]
    [InlineData("number", "float")]
    [InlineData("real", "float")]
    [InlineData("timestamp", "datetime")]
    [InlineData("date", "datetime")]
    [InlineData("time", "datetime")]
    [InlineData("guid", "uuid")]
    [InlineData("longtext", "text")]
    [InlineData("strnig", "string")]
    [InlineData("Integer", "integer")]
    [InlineData("bolean", "boolean")]
    public void LSG012_invalid_type_carries_the_best_replacement(string typo, string replacement)
    {
        var d = Fixture.Single(Specs.WithFields($"""
                  - name: value
                    type: [|{typo}|]
            """), "LSG012");
        Assert.Equal(replacement, d.Data["replacement"]);
        Assert.Contains("Allowed types: string, integer, float, boolean, datetime, uuid, text", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG013_missing_primary_key_is_a_warning_on_the_entity_name()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: [|Note|]
                fields:
                  - {name: body, type: text}
            """, "LSG013");
        Assert.Equal(Severity.Warning, d.Severity);
    }

    [Fact]
    public void LSG014_several_primary_keys()
    {
        Fixture.Single(Specs.WithFields("""
                  - name: code
                    type: integer
                    [|primary_key|]: true
            """), "LSG014");
    }

    [Fact]
    public void LSG014_primary_key_type_must_be_uuid_or_integer()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: Country
                fields:
                  - name: code
                    type: [|string|]
                    primary_key: true
            """, "LSG014");
        Assert.Equal("uuid", d.Data["replacement"]);
    }

    [Theory]
    [InlineData("class")]
    [InlineData("from")]
    [InlineData("_")]
    [InlineData("2fa")]
    [InlineData("due-date")]
    [InlineData("größe")]
    public void LSG015_invalid_field_name(string name)
    {
        Fixture.Single(Specs.WithFields($"""
                  - name: [|{name}|]
                    type: string
            """), "LSG015");
    }

    [Theory]
    [InlineData("type")]
    [InlineData("match")]
    [InlineData("case")]
    public void Soft_keywords_are_field_names(string name)
    {
        var analysis = SpecAnalyzer.Analyze(Specs.WithFields($"""
                  - name: {name}
                    type: string
            """));
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
    }

    [Fact]
    public void LSG015_entity_name_that_is_a_keyword()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - name: [|Lambda|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG015");
    }

    [Fact]
    public void LSG015_entity_casing_that_cannot_be_normalised()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: [|Order_1st|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG015");
        Assert.Contains("casing", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG015_project_name_must_be_snake_case()
    {
        var d = Fixture.Single("""
            spec_version: "1.0"
            project_name: [|Task-Manager|]
            entities: [{name: A, fields: [{name: id, type: uuid, primary_key: true}]}]
            """, "LSG015");
        Assert.Equal("task_manager", d.Data["replacement"]);
    }

    [Fact]
    public void LSG015_project_name_too_long_and_table_name_not_snake_case()
    {
        Fixture.All($$"""
            spec_version: "1.0"
            project_name: [|{{new string('p', 64)}}|]
            entities: [{name: A, table_name: [|As|], fields: [{name: id, type: uuid, primary_key: true}]}]
            """, "LSG015");
    }

    [Fact]
    public void LSG016_user_entity_while_auth_is_enabled_by_default()
    {
        var d = Fixture.Single("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - name: [|User|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG016");
        Assert.Contains("auth", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG016_user_entity_is_fine_without_auth()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: User
                fields: [{name: id, type: uuid, primary_key: true}]
            """);
        Assert.Empty(analysis.Diagnostics);
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("updated_at")]
    [InlineData("createdAt")]
    public void LSG024_a_declared_datetime_timestamp_is_the_generated_one(string name)
    {
        var d = Fixture.Single(Specs.WithFields($"""
                  - name: [|{name}|]
                    type: datetime
                    description: When it happened
            """), "LSG024");
        Assert.Equal(Severity.Information, d.Severity);
        var analysis = SpecAnalyzer.Analyze(Fixture.Parse(Specs.WithFields($"""
                  - name: {name}
                    type: datetime
            """)).Text);
        Assert.DoesNotContain(analysis.Diagnostics, x => x.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("type: string", "timestamp")]
    [InlineData("type: datetime\n        nullable: true", "timestamp")]
    [InlineData("type: datetime\n        default: \"2024-01-01T00:00:00Z\"", "timestamp")]
    [InlineData("type: datetime\n        unique: true", "timestamp")]
    public void LSG016_a_timestamp_with_another_type_or_options_says_why(string options, string reason)
    {
        var d = Fixture.Single(Specs.WithFields($"""
                  - name: [|created_at|]
                    {options}
            """), "LSG016");
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG025_derived_constraint_names_that_collide_across_tables()
    {
        var fixture = Fixture.Parse(Specs.Head + """
            entities:
              - name: Order
                fields:
                  - {name: item_sku, type: string, unique: true, index: true}
              - name: OrderItem
                table_name: orders_item
                fields:
                  - {name: [|sku|], type: string, unique: true, index: true}
              - name: Widget
                table_name: [|ix_orders_item_sku|]
                fields:
                  - {name: value, type: integer}
            """);
        var all = SpecAnalyzer.Analyze(fixture.Text).Diagnostics.Where(d => d.Code == "LSG025").ToList();
        // sku's index and unique constraint both collide; the table collides with Order's index.
        Assert.Equal([fixture.Ranges[0], fixture.Ranges[0], fixture.Ranges[1]], all.Select(d => d.Range));
        Assert.Contains("uq_orders_item_sku", all[0].Message + all[1].Message, StringComparison.Ordinal);
        Assert.Contains("the table of entity 'Widget'", all[^1].Message, StringComparison.Ordinal);
        Assert.All(all, d => Assert.NotEmpty(d.Related));
    }

    [Fact]
    public void LSG025_a_table_named_like_an_integer_keys_sequence()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - name: Ticket
                fields:
                  - {name: number, type: integer, primary_key: true}
              - name: Counter
                table_name: [|tickets_number_seq|]
                fields:
                  - {name: value, type: integer}
            """, "LSG025");
    }

    [Fact]
    public void LSG026_two_entities_with_the_same_route()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: Datum
                fields: [{name: value, type: integer}]
              - name: [|Data|]
                table_name: data_points
                fields: [{name: value, type: integer}]
            """, "LSG026");
        Assert.Contains("'/data'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_without_endpoints_has_no_route_to_collide()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: Datum
                fields: [{name: value, type: integer}]
              - name: Data
                table_name: data_points
                crud: false
                fields: [{name: value, type: integer}]
            """);
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Code == "LSG026");
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("updated_at")]
    [InlineData("id")]
    [InlineData("metadata")]
    [InlineData("registry")]
    [InlineData("model_config")]
    [InlineData("model_fields")]
    [InlineData("model_computed_fields")]
    [InlineData("query")]
    [InlineData("session")]
    [InlineData("datetime")]
    [InlineData("uuid")]
    [InlineData("str")]
    [InlineData("self")]
    public void LSG016_reserved_field_names(string name)
    {
        Fixture.Single(Specs.WithFields($"""
                  - name: [|{name}|]
                    type: string
            """).Replace("- name: id\n        type: uuid", "- name: key\n        type: uuid", StringComparison.Ordinal), "LSG016");
    }

    [Theory]
    [InlineData("Base")]
    [InlineData("Settings")]
    [InlineData("Health")]
    [InlineData("Mapped")]
    [InlineData("Doc")]
    public void LSG016_entity_names_of_generated_classes(string name)
    {
        Fixture.Single(Specs.Head + $$"""
            entities:
              - name: [|{{name}}|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG016");
    }

    [Fact]
    public void LSG016_table_users_while_auth_is_enabled()
    {
        Fixture.Single("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - name: Member
                table_name: [|users|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG016");
    }

    [Fact]
    public void LSG017_duplicate_table_name_explicit_and_derived()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: Person
                fields: [{name: id, type: uuid, primary_key: true}]
              - name: Human
                table_name: [|people|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG017");
        Assert.Equal(SourceRangeOf(5, 10, 16), Assert.Single(d.Related).Range);
    }

    [Fact]
    public void LSG018_reference_to_unknown_entity_suggests_the_nearest()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: owner_id
                    type: uuid
                    references: [|Iten|]
            """), "LSG018");
        Assert.Equal("Item", d.Data["replacement"]);
    }

    [Fact]
    public void LSG018_reference_to_the_auth_user_explains_user_id()
    {
        var d = Fixture.Single("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - name: Post
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: author_id, type: uuid, references: [|User|]}
            """, "LSG018");
        Assert.Contains("user_id", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG016_reserved_entity_still_counts_as_declared_for_references()
    {
        var analysis = SpecAnalyzer.Analyze("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - {name: Settings, fields: [{name: id, type: uuid, primary_key: true}]}
              - {name: Post, fields: [{name: id, type: uuid, primary_key: true}, {name: settings_id, type: uuid, references: Settings}]}
            """);
        Assert.Equal(["LSG016"], analysis.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void LSG019_cycle_is_reported_once_with_the_other_edges_related()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: A
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: b_id, type: uuid, nullable: false, references: [|B|]}
              - name: B
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: c_id, type: uuid, nullable: false, references: C}
              - name: C
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: a_id, type: uuid, nullable: false, references: A}
                  - {name: parent_id, type: uuid, references: C}
            """, "LSG019");
        Assert.Equal(2, d.Related.Count);
        Assert.Contains("'A', 'B', 'C'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG019_non_nullable_self_reference()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - name: Node
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: parent_id, type: uuid, nullable: false, references: [|Node|]}
            """, "LSG019");
    }

    [Fact]
    public void LSG019_nullable_cycle_is_fine()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: Node
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: parent_id, type: uuid, references: Node}
            """);
        Assert.Empty(analysis.Diagnostics);
    }

    [Fact]
    public void LSG020_max_length_on_integer()
    {
        Fixture.Single(Specs.WithFields("""
                  - name: count
                    type: integer
                    [|max_length|]: 10
            """), "LSG020");
    }

    [Theory]
    [InlineData("integer", "\"5\"")]
    [InlineData("integer", "1.5")]
    [InlineData("boolean", "yes")]
    [InlineData("float", "abc")]
    [InlineData("string", "42")]
    [InlineData("string", "true")]
    [InlineData("uuid", "not-a-uuid")]
    [InlineData("datetime", "tomorrow")]
    [InlineData("text", "null")]
    [InlineData("integer", "~")]
    [InlineData("integer", "2147483648")]          // beyond the 4-byte INTEGER column
    [InlineData("integer", "-2147483649")]
    [InlineData("integer", "99999999999999999999")] // beyond 64 bits too
    [InlineData("float", "1e400")]                  // beyond a double: the enricher used to throw on it
    [InlineData("float", "-1e400")]
    [InlineData("string", "\"a\\0b\"")]           // PostgreSQL text cannot hold NUL
    [InlineData("text", "\"\\0\"")]
    public void LSG020_default_of_the_wrong_type(string type, string value)
    {
        Fixture.Single(Specs.WithFields($"""
                  - name: value
                    type: {type}
                    default: [|{value}|]
            """), "LSG020");
    }

    [Theory]
    [InlineData("integer", "5")]
    [InlineData("integer", "2147483647")]
    [InlineData("integer", "-2147483648")]
    [InlineData("float", "0.5")]
    [InlineData("float", "1e300")]
    [InlineData("float", "3")]
    [InlineData("boolean", "false")]
    [InlineData("string", "\"42\"")]
    [InlineData("string", "pending")]
    [InlineData("datetime", "\"2024-01-31T12:00:00Z\"")]
    [InlineData("uuid", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"")]
    [InlineData("text", "\"null\"")]
    public void Defaults_of_the_right_type_are_accepted(string type, string value)
    {
        var analysis = SpecAnalyzer.Analyze(Specs.WithFields($"""
                  - name: value
                    type: {type}
                    default: {value}
            """));
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
    }

    [Fact]
    public void LSG020_reference_field_must_have_the_target_key_type()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: parent_id
                    type: integer
                    [|references|]: Item
            """), "LSG020");
        Assert.Equal("uuid", d.Data["replacement"]);
    }

    [Fact]
    public void References_to_an_integer_key_use_an_integer_field()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: Order
                fields: [{name: number, type: integer, primary_key: true}]
              - name: Line
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: order_number, type: integer, nullable: false, references: Order}
            """);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
    }

    [Fact]
    public void LSG020_nullable_primary_key_and_default_on_primary_key()
    {
        Fixture.All(Specs.Head + """
            entities:
              - name: Item
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                    [|nullable|]: true
                    [|default|]: "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
            """, "LSG020");
    }

    [Fact]
    public void LSG021_non_canonical_entity_and_field_names()
    {
        var ds = Fixture.All(Specs.Head + """
            entities:
              - name: [|project|]
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: [|DueDate|], type: datetime}
            """, "LSG021");
        Assert.All(ds, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Equal(["Project", "due_date"], ds.Select(d => d.Data["replacement"]));
    }

    [Fact]
    public void LSG021_reference_written_in_other_casing()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - name: parent_id
                    type: uuid
                    references: [|item|]
            """), "LSG021");
        Assert.Equal("Item", d.Data["replacement"]);
    }

    [Theory]
    [InlineData("old-title", "not a valid field name")]
    [InlineData("Title", "own name")]
    [InlineData("body", "'body' of this spec has that name")]
    public void LSG022_invalid_field_renamed_from(string old, string reason)
    {
        var d = Fixture.Single(Specs.WithFields($"""
                  - name: title
                    type: string
                    renamed_from: [|{old}|]
                  - name: body
                    type: text
            """), "LSG022");
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG022_entity_renamed_from_another_entity_relates_to_it()
    {
        var d = Fixture.Single(Specs.Head + """
            entities:
              - name: Project
                fields: [{name: id, type: uuid, primary_key: true}]
              - name: Board
                renamed_from: [|project|]
                fields: [{name: id, type: uuid, primary_key: true}]
            """, "LSG022");
        Assert.Equal(SourceRangeOf(5, 10, 17), Assert.Single(d.Related).Range);
    }

    [Fact]
    public void Renamed_from_a_name_no_item_uses_is_fine()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: Board
                renamed_from: Project
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: title, type: string, renamed_from: name}
              - name: Card
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: title, type: string, renamed_from: name}
            """);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
    }

    [Fact]
    public void LSG023_two_fields_renamed_from_the_same_name()
    {
        var d = Fixture.Single(Specs.WithFields("""
                  - {name: title, type: string, renamed_from: name}
                  - {name: label, type: string, renamed_from: [|Name|]}
            """), "LSG023");
        Assert.Contains("'title' already is", d.Message, StringComparison.Ordinal);
        Assert.Single(d.Related);
    }

    [Fact]
    public void LSG023_two_entities_renamed_from_the_same_name()
    {
        Fixture.Single(Specs.Head + """
            entities:
              - {name: Board, renamed_from: Project, fields: [{name: id, type: uuid, primary_key: true}]}
              - {name: Plan, renamed_from: [|Project|], fields: [{name: id, type: uuid, primary_key: true}]}
            """, "LSG023");
    }

    private static Syntax.SourceRange SourceRangeOf(int line, int start, int end) => Syntax.SourceRange.Of(line, start, line, end);
}
