using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Prd;

namespace LspGen.Spec.Tests.Prd;

/// <summary>The PRD rules of issue 5, one test per rule, with the PRD as a user writes it and [| |] around expected ranges.</summary>
public class PrdParserTests
{
    private static SpecAnalysis Analyze(string markdown, string? file = "test.prd.md") => PrdAnalyzer.Analyze(markdown, file);

    private static EntitySpec Entity(SpecAnalysis analysis, string name) => Assert.Single(analysis.Document.Entities, e => e.Name.Value == name);

    private static FieldSpec Field(EntitySpec entity, string name) => Assert.Single(entity.Fields, f => f.Name.Value == name);

    private static IEnumerable<Diagnostic> Codes(SpecAnalysis analysis, string code) => analysis.Diagnostics.Where(d => d.Code == code);

    private static void NoErrors(SpecAnalysis analysis) =>
        Assert.False(analysis.HasErrors, Fixture.Describe(analysis.Diagnostics));

    [Fact]
    public void The_issue_example_reads_every_style()
    {
        var analysis = Analyze("""
            # Project Tracker

            Free text here is the description.

            ## Entities
            - Project: name (string, required), description (text), status (string)
            - Task: title (string, required), completed (boolean), due_date (datetime)

            ### Comment
            - body: text (required)
            - post: Project (required)

            | Entity  | Field | Type   | Modifiers |
            |---------|-------|--------|-----------|
            | Label   | name  | string | required, unique |

            ## User Stories
            - As a developer, I want to manage projects so that I can track my work.

            ## Integrations
            - Stripe (payments), SendGrid (email)
            """);
        NoErrors(analysis);
        var doc = analysis.Document;
        Assert.Equal(SourceKind.Prd, doc.Kind);
        Assert.Equal("project_tracker", doc.ProjectName!.Value.Value);
        Assert.Equal("Free text here is the description.", doc.Description!.Value.Value);
        Assert.Equal(["Project", "Task", "Comment", "Label"], doc.Entities.Select(e => e.Name.Value));
        Assert.Equal(["name", "description", "status"], Entity(analysis, "Project").Fields.Select(f => f.Name.Value));
        var name = Field(Entity(analysis, "Project"), "name");
        Assert.Equal("string", name.Type.Value);
        Assert.False(name.Nullable!.Value.Value);
        Assert.Null(Field(Entity(analysis, "Project"), "status").Nullable);
        var label = Field(Entity(analysis, "Label"), "name");
        Assert.True(label.Unique!.Value.Value);
        Assert.False(label.Nullable!.Value.Value);
        var story = Assert.Single(doc.UserStories);
        Assert.Equal(("developer", "manage projects", "I can track my work"), (story.Role.Value, story.Goal.Value, story.Benefit!.Value.Value));
        Assert.Equal([("Stripe", "payments"), ("SendGrid", "email")], doc.Integrations.Select(i => (i.Name.Value, i.Purpose!.Value.Value)));
    }

    [Fact]
    public void Ranges_point_into_the_markdown()
    {
        var f = Fixture.Parse("""
            # Demo

            ## Entities
            - [|Task|]: [|title|] ([|string|], [|required|])
            """);
        var analysis = Analyze(f.Text);
        var task = Entity(analysis, "Task");
        var title = Field(task, "title");
        Assert.Equal(f.Ranges[0], task.Name.Range);
        Assert.Equal(f.Ranges[1], title.Name.Range);
        Assert.Equal(f.Ranges[2], title.Type.Range);
        Assert.Equal(f.Ranges[3], title.Nullable!.Value.Range);
    }

    [Theory]
    [InlineData("required", false, null, null, null)]
    [InlineData("not required", true, null, null, null)]
    [InlineData("optional", true, null, null, null)]
    [InlineData("unique", null, true, null, null)]
    [InlineData("non-unique", null, false, null, null)]
    [InlineData("not unique", null, false, null, null)]
    [InlineData("indexed", null, null, true, null)]
    [InlineData("index", null, null, true, null)]
    [InlineData("primary key", null, null, null, true)]
    [InlineData("required unique", false, true, null, null)]
    public void Modifiers_are_whole_words(string modifiers, bool? nullable, bool? unique, bool? index, bool? primaryKey)
    {
        var type = primaryKey == true ? "uuid" : "string";
        var analysis = Analyze($"# Demo\n\n## Entities\n- Task: code ({type}, {modifiers})\n");
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Code == "LSG106");
        var field = Field(Entity(analysis, "Task"), "code");
        Assert.Equal(nullable, field.Nullable?.Value);
        Assert.Equal(unique, field.Unique?.Value);
        Assert.Equal(index, field.Index?.Value);
        Assert.Equal(primaryKey, field.PrimaryKey?.Value);
    }

    [Fact]
    public void A_word_containing_a_modifier_is_not_the_modifier()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- Task: code (string, [|requiredness|], [|uniquely|])\n");
        var analysis = Analyze(f.Text);
        var field = Field(Entity(analysis, "Task"), "code");
        Assert.Null(field.Nullable);
        Assert.Null(field.Unique);
        Assert.Equal(f.Ranges, Codes(analysis, "LSG106").Select(d => d.Range));
    }

    [Fact]
    public void A_misspelt_modifier_is_a_warning_with_the_nearest_modifier()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: code (string, requried)\n");
        var warning = Assert.Single(Codes(analysis, "LSG106"));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("required", warning.Data["replacement"]);
    }

    [Fact]
    public void Max_length_is_read()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: code (string, required, max length 40)\n");
        NoErrors(analysis);
        Assert.Equal(40, Field(Entity(analysis, "Task"), "code").MaxLength!.Value.Value);
    }

    [Theory]
    [InlineData("int", "integer")]
    [InlineData("str", "string")]
    [InlineData("bool", "boolean")]
    [InlineData("decimal", "float")]
    [InlineData("number", "float")]
    [InlineData("timestamp", "datetime")]
    [InlineData("date", "datetime")]
    [InlineData("guid", "uuid")]
    [InlineData("varchar", "string")]
    [InlineData("longtext", "text")]
    public void Aliases_are_mapped_with_a_warning_naming_the_canonical_type(string alias, string canonical)
    {
        var f = Fixture.Parse($"# Demo\n\n## Entities\n- Task: value ([|{alias}|])\n");
        var analysis = Analyze(f.Text);
        NoErrors(analysis);
        Assert.Equal(canonical, Field(Entity(analysis, "Task"), "value").Type.Value);
        var warning = Assert.Single(Codes(analysis, "LSG104"));
        Assert.Equal(f.Range, warning.Range);
        Assert.Contains($"'{canonical}'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(canonical, warning.Data["replacement"]);
    }

    [Fact]
    public void Canonical_types_in_other_casing_are_accepted_silently()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: title (String, required)\n");
        NoErrors(analysis);
        Assert.Empty(Codes(analysis, "LSG104"));
        Assert.Equal("string", Field(Entity(analysis, "Task"), "title").Type.Value);
    }

    [Fact]
    public void An_unknown_type_is_LSG012_with_the_usual_replacement()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- Task: title ([|strng|])\n");
        var error = Assert.Single(Codes(Analyze(f.Text), "LSG012"));
        Assert.Equal(f.Range, error.Range);
        Assert.Equal("string", error.Data["replacement"]);
    }

    [Theory]
    [InlineData("due-date")]
    [InlineData("Due Date")]
    [InlineData("dueDate")]
    public void Field_names_are_normalised_to_snake_case_with_a_warning(string written)
    {
        var f = Fixture.Parse($"# Demo\n\n## Entities\n\n### Task\n- [|{written}|]: datetime\n");
        var analysis = Analyze(f.Text);
        NoErrors(analysis);
        var field = Assert.Single(Entity(analysis, "Task").Fields);
        Assert.Equal("due_date", field.Name.Value);
        Assert.Equal("datetime", field.Type.Value);
        var warning = Assert.Single(Codes(analysis, "LSG105"));
        Assert.Equal(f.Range, warning.Range);
        Assert.Equal("due_date", warning.Data["replacement"]);
    }

    [Fact]
    public void A_hyphenated_name_with_a_colon_is_never_split_into_name_and_type()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n\n### Event\n- starts-at: datetime\n- title (string, required)\n");
        NoErrors(analysis);
        var starts = Field(Entity(analysis, "Event"), "starts_at");
        Assert.Equal("datetime", starts.Type.Value);
        Assert.Equal("string", Field(Entity(analysis, "Event"), "title").Type.Value);
    }

    [Fact]
    public void Not_required_in_parentheses_makes_the_field_nullable()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: note (string, not required)\n");
        NoErrors(analysis);
        Assert.True(Field(Entity(analysis, "Task"), "note").Nullable!.Value.Value);
    }

    [Fact]
    public void A_type_naming_another_entity_is_a_reference_named_after_the_field()
    {
        var f = Fixture.Parse("""
            # Blog

            ## Entities

            ### Comment
            - body: text (required)
            - [|post|]: [|Post|] (required)

            ### Post
            - title: string (required)
            """);
        var analysis = Analyze(f.Text);
        NoErrors(analysis);
        var post = Field(Entity(analysis, "Comment"), "post_id");
        Assert.Equal("uuid", post.Type.Value);
        Assert.Equal("Post", post.References!.Value.Value);
        Assert.False(post.Nullable!.Value.Value);
        Assert.Equal(f.Ranges[0], post.Name.Range);
        Assert.Equal(f.Ranges[1], post.Type.Range);
        Assert.Equal(f.Ranges[1], post.References!.Value.Range);
    }

    [Fact]
    public void A_reference_to_an_integer_keyed_entity_is_an_integer()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Team: number (integer, primary key), name (string)\n- Player: team_id (Team, required)\n");
        NoErrors(analysis);
        var team = Field(Entity(analysis, "Player"), "team_id");
        Assert.Equal(("integer", "Team"), (team.Type.Value, team.References!.Value.Value));
    }

    [Theory]
    [InlineData("## Entities")]
    [InlineData("## Data Models")]
    [InlineData("## Domain Models")]
    [InlineData("## Entity List")]
    [InlineData("## Data Model")]
    [InlineData("## 3. Entities")]
    [InlineData("# Entities")]
    [InlineData("### Data models:")]
    [InlineData("## **Entities**")]
    public void Entity_section_headings(string heading)
    {
        var analysis = Analyze($"# Demo\n\n{heading}\n- Task: title (string, required)\n");
        NoErrors(analysis);
        Assert.Equal("Task", Assert.Single(analysis.Document.Entities).Name.Value);
    }

    [Fact]
    public void A_level_four_heading_is_not_an_entity_section()
    {
        var analysis = Analyze("# Demo\n\n#### Entities\n- Task: title (string, required)\n");
        Assert.Single(Codes(analysis, "LSG101"));
        Assert.Empty(analysis.Document.Entities);
    }

    [Fact]
    public void User_stories_heading_inside_the_entity_section_ends_it()
    {
        var analysis = Analyze("""
            # Demo

            ## Entities
            - Task: title (string, required)

            ### User Stories
            - As a user, I want to add tasks so that I remember them.
            - Reminder: email (string)
            """);
        NoErrors(analysis);
        Assert.Equal("Task", Assert.Single(analysis.Document.Entities).Name.Value);
        Assert.Single(analysis.Document.UserStories);
    }

    [Fact]
    public void Bullets_in_other_sections_never_become_entities()
    {
        var analysis = Analyze("""
            # Demo

            ## Entities
            - Task: title (string, required)

            ## Non-functional Requirements
            - Latency: p95 (string, fast)

            ## Integrations
            - Stripe (payments)
            """);
        NoErrors(analysis);
        Assert.Equal("Task", Assert.Single(analysis.Document.Entities).Name.Value);
        Assert.Empty(Codes(analysis, "LSG103"));
    }

    [Fact]
    public void Prose_and_other_bullets_in_the_entity_section_are_ignored_with_information()
    {
        var f = Fixture.Parse("""
            # Demo

            ## Entities
            [|All entities are soft-deleted and audited.|]
            - Task: title (string, required)
            [|- Keep the list short|]
            [|- Note: this is reviewed weekly|]
            """);
        var analysis = Analyze(f.Text);
        NoErrors(analysis);
        Assert.Equal("Task", Assert.Single(analysis.Document.Entities).Name.Value);
        var ignored = Codes(analysis, "LSG103").ToList();
        Assert.Equal(f.Ranges, ignored.Select(d => d.Range));
        Assert.All(ignored, d => Assert.Equal(Severity.Information, d.Severity));
    }

    [Fact]
    public void Entity_names_with_spaces_or_slashes_are_normalised_to_PascalCase()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- [|Order Item|]: quantity (integer, required)\n- [|Invoice/Receipt|]: total (float)\n");
        var analysis = Analyze(f.Text);
        NoErrors(analysis);
        Assert.Equal(["OrderItem", "InvoiceReceipt"], analysis.Document.Entities.Select(e => e.Name.Value));
        Assert.Equal(f.Ranges, Codes(analysis, "LSG105").Select(d => d.Range));
    }

    [Fact]
    public void A_field_called_class_is_LSG015_in_the_markdown()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- Student: name (string), [|class|] (string)\n");
        var error = Assert.Single(Codes(Analyze(f.Text), "LSG015"));
        Assert.Equal(f.Range, error.Range);
    }

    [Fact]
    public void An_entity_User_is_LSG016_because_auth_owns_it()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- [|User|]: nickname (string)\n");
        var error = Assert.Single(Codes(Analyze(f.Text), "LSG016"));
        Assert.Equal(f.Range, error.Range);
        // A PRD cannot switch auth off, so the advice is to rename (the spec's own advice names the auth block).
        Assert.Contains("rename the entity", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("set 'auth: {enabled: false}' or", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_task_lines_are_LSG010_with_related_information_in_the_markdown()
    {
        var f = Fixture.Parse("# Demo\n\n## Entities\n- [|Task|]: title (string)\n- [|Task|]: name (string)\n");
        var error = Assert.Single(Codes(Analyze(f.Text), "LSG010"));
        Assert.Equal(f.Ranges[1], error.Range);
        Assert.Equal(f.Ranges[0], Assert.Single(error.Related).Range);
    }

    [Theory]
    [InlineData("As a developer I want to manage projects so that I can track my work.", "developer", "manage projects", "I can track my work")]
    [InlineData("As an admin, I want reports", "admin", "reports", null)]
    [InlineData("as a team lead, I want to see overdue tasks, so that nothing slips", "team lead", "see overdue tasks", "nothing slips")]
    [InlineData("**As a** buyer, I want to reorder.", "buyer", "reorder", null)]
    public void User_stories_with_optional_comma_and_period(string line, string role, string goal, string? benefit)
    {
        var analysis = Analyze($"# Demo\n\n## Entities\n- Task: title (string)\n\n## User Stories\n- {line}\n");
        var story = Assert.Single(analysis.Document.UserStories);
        Assert.Equal((role, goal, benefit), (story.Role.Value, story.Goal.Value, story.Benefit?.Value));
    }

    [Fact]
    public void A_line_that_is_not_a_story_is_ignored_with_information()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: title (string)\n\n## User Stories\n- Users should be happy.\n");
        Assert.Empty(analysis.Document.UserStories);
        Assert.Single(Codes(analysis, "LSG103"));
    }

    [Fact]
    public void Vendors_are_whole_words()
    {
        var analysis = Analyze("""
            # Demo

            ## Entities
            - Task: title (string)

            ## Integrations
            - Striped invoices are printed (no vendor here)
            - Payments through stripe, email via SendGrid, files on Amazon S3
            - Mailjet (newsletters)
            """);
        Assert.Equal(["Stripe", "SendGrid", "S3", "Mailjet"], analysis.Document.Integrations.Select(i => i.Name.Value));
        Assert.Equal("newsletters", analysis.Document.Integrations[3].Purpose!.Value.Value);
    }

    [Fact]
    public void Implicit_id_keys_are_not_reported_for_PRDs()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: title (string)\n");
        Assert.Empty(analysis.Diagnostics);
    }

    [Fact]
    public void Integration_purpose_after_for()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: title (string)\n\n## Integrations\n- Postmark for notification emails\n");
        var postmark = Assert.Single(analysis.Document.Integrations);
        Assert.Equal(("Postmark", "notification emails"), (postmark.Name.Value, postmark.Purpose!.Value.Value));
    }

    [Theory]
    [InlineData("# Demo\n\n- Owner: me\n- Status: draft\n\nThe real description\nover two lines.\n\nMore prose.\n", "The real description over two lines.")]
    [InlineData("# Demo\n\nFirst paragraph.\n- a list\nnot description\n", "First paragraph.")]
    [InlineData("# Demo\n\n## Entities\n", null)]
    public void The_description_is_the_first_prose_paragraph(string head, string? description)
    {
        var analysis = Analyze(head + "\n## Entities\n- Task: title (string)\n");
        Assert.Equal(description, analysis.Document.Description?.Value);
    }

    [Fact]
    public void Front_matter_is_skipped_for_the_title()
    {
        var analysis = Analyze("---\ntitle: not this\n# not this either\n---\n\n# Shop Floor\n\n## Entities\n- Task: title (string)\n");
        Assert.Equal("shop_floor", analysis.Document.ProjectName!.Value.Value);
    }

    [Theory]
    [InlineData("project-tracker.prd.md", "project_tracker")]
    [InlineData("/home/me/Team Blog.md", "team_blog")]
    [InlineData(null, "project")]
    public void Without_an_H1_the_name_comes_from_the_file(string? file, string expected)
    {
        var analysis = Analyze("## Entities\n- Task: title (string)\n", file);
        Assert.Equal(expected, analysis.Document.ProjectName!.Value.Value);
    }

    [Theory]
    [InlineData("Project Tracker 2.0!", "project_tracker_2_0")]
    [InlineData("2024 Roadmap", "project_2024_roadmap")]
    [InlineData("Café Órders", "caf_rders")]
    [InlineData("class", "class_project")]
    [InlineData("!!!", "project")]
    public void Project_name_is_a_valid_identifier(string title, string expected)
    {
        var analysis = Analyze($"# {title}\n\n## Entities\n- Task: title (string)\n");
        Assert.Equal(expected, analysis.Document.ProjectName!.Value.Value);
        Assert.Empty(Codes(analysis, "LSG015"));
    }

    [Fact]
    public void A_very_long_title_is_truncated()
    {
        var analysis = Analyze($"# {string.Join(' ', Enumerable.Repeat("word", 40))}\n\n## Entities\n- Task: title (string)\n");
        Assert.True(analysis.Document.ProjectName!.Value.Value.Length <= 63);
        Assert.Empty(Codes(analysis, "LSG015"));
    }

    [Fact]
    public void No_entity_section_is_LSG101()
    {
        var analysis = Analyze("# Demo\n\nJust prose.\n\n## Features\n- Task: title (string)\n");
        var error = Assert.Single(Codes(analysis, "LSG101"));
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Empty(analysis.Document.Entities);
    }

    [Theory]
    [InlineData("- Task: title (required)", "'required' is a modifier")]
    [InlineData("- Task: title (string", "not closed")]
    [InlineData("- Task: title (string) extra", "text after ')'")]
    [InlineData("- Task: title (string up to 100 chars)", "not one word")]
    public void Unparseable_field_declarations_are_LSG102(string bullet, string why)
    {
        var analysis = Analyze($"# Demo\n\n## Entities\n{bullet}\n");
        var error = Assert.Single(Codes(analysis, "LSG102"));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entity_bullets_may_list_name_colon_type_pairs()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- Task: title: string, done: bool\n- Note: see the appendix, it explains everything\n");
        Assert.Equal(["title", "done"], Entity(analysis, "Task").Fields.Select(f => f.Name.Value));
        Assert.Equal("boolean", Field(Entity(analysis, "Task"), "done").Type.Value);
        Assert.Single(analysis.Document.Entities);
        Assert.Single(Codes(analysis, "LSG103"));
    }

    [Fact]
    public void Indented_field_bullets_under_a_bare_entity_bullet()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n- **Project**\n  - name: string (required)\n  - budget: float\n- Task: title (string)\n");
        NoErrors(analysis);
        Assert.Equal(["name", "budget"], Entity(analysis, "Project").Fields.Select(f => f.Name.Value));
    }

    [Fact]
    public void A_table_under_an_entity_heading_needs_no_entity_column()
    {
        var analysis = Analyze("""
            # Demo

            ## Entities

            ### Product
            | Field | Type | Constraints |
            |---|---|---|
            | sku | string | required, unique |
            | price | decimal | |
            """);
        NoErrors(analysis);
        Assert.Equal(["sku", "price"], Entity(analysis, "Product").Fields.Select(f => f.Name.Value));
        Assert.Equal("float", Field(Entity(analysis, "Product"), "price").Type.Value);
    }

    [Fact]
    public void A_sub_heading_grouping_entity_bullets_is_not_an_entity()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n\n### Core\n- Project: name (string, required)\n- Task: title (string)\n\n### Empty\n\nSee above.\n");
        Assert.Equal(["Project", "Task"], analysis.Document.Entities.Select(e => e.Name.Value));
        var ignored = Codes(analysis, "LSG103").Select(d => d.Message).ToList();
        Assert.Equal(2, ignored.Count); // "### Empty" (no fields) and the prose line, not "### Core"
        Assert.Contains(ignored, m => m.Contains("'Empty'", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbered_entity_headings_and_unnamed_entities()
    {
        var analysis = Analyze("# Demo\n\n## Entities\n\n### 3.1 Comment\n- body: text\n\n| Entity | Field | Type |\n|---|---|---|\n| ** | x | string |\n");
        Assert.Equal("Comment", Assert.Single(analysis.Document.Entities).Name.Value);
        Assert.Contains(Codes(analysis, "LSG102"), d => d.Message.Contains("no name", StringComparison.Ordinal));
    }

    [Fact]
    public void Headings_and_bullets_inside_code_blocks_are_not_read()
    {
        var analysis = Analyze("# Demo\n\n```\n## Entities\n- Fake: x (string)\n```\n\n## Entities\n- Task: title (string)\n");
        Assert.Equal("Task", Assert.Single(analysis.Document.Entities).Name.Value);
    }

    [Fact]
    public void Crlf_line_endings()
    {
        var analysis = Analyze("# Demo\r\n\r\n## Entities\r\n- Task: title (string, required)\r\n");
        NoErrors(analysis);
        Assert.Equal("title", Assert.Single(Entity(analysis, "Task").Fields).Name.Value);
    }

    [Fact]
    public void A_50000_line_PRD_is_parsed()
    {
        // Linear time: not timed here (bench/prd measures it); quadratic parsing would not finish in the test's lifetime.
        var sb = new System.Text.StringBuilder("# Big\n\n## Entities\n");
        for (var i = 0; i < 10_000; i++) sb.Append("- Entity").Append(i).Append(": title (string, required), done (boolean), due-date (timestamp)\n");
        sb.Append("\n## User Stories\n");
        for (var i = 0; i < 20_000; i++) sb.Append("- As a user ").Append(i).Append(", I want to do things so that it works.\n");
        sb.Append("- As a ").Append(new string('a', 100_000)).Append(" I want ").Append(new string(' ', 100_000)).Append('\n');
        sb.Append("\n## Integrations\n");
        for (var i = 0; i < 20_000; i++) sb.Append("- Stripe (payments), striped, SendGrid").Append(i).Append('\n');
        var analysis = Analyze(sb.ToString());
        Assert.Equal(10_000, analysis.Document.Entities.Count);
        Assert.Equal(20_000, analysis.Document.UserStories.Count);
        Assert.Single(analysis.Document.Integrations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("#")]
    [InlineData("## Entities\n-")]
    [InlineData("## Entities\n- :")]
    [InlineData("## Entities\n- A: (")]
    [InlineData("## Entities\n- A: x ()")]
    [InlineData("## Entities\n- A: x (,)")]
    [InlineData("## Entities\n|")]
    [InlineData("## Entities\n| a |\n|---|\n| |")]
    [InlineData("## Entities\n| Entity | Field | Type |\n|---|---|---|\n| | x | string |")]
    [InlineData("## Entities\n### \n- a:")]
    [InlineData("---\n")]
    [InlineData("## User Stories\n- As a , I want  so that .")]
    [InlineData("## Integrations\n- (\n- :\n- Stripe (")]
    public void Broken_input_never_throws(string markdown)
    {
        var analysis = Analyze(markdown);
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Message.Contains("Internal error", StringComparison.Ordinal));
    }
}
