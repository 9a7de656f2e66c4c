using LspGen.Spec.Model;

namespace LspGen.Spec.Tests;

/// <summary>Half-typed documents, as an editor sees them between keystrokes: a partial model and no exceptions.</summary>
public class BrokenDocumentTests
{
    [Fact]
    public void Half_typed_field_keeps_the_entity_and_its_earlier_fields()
    {
        var analysis = SpecAnalyzer.Analyze("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - name: Project
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: title
                    type:
            """);
        var project = Assert.Single(analysis.Document.Entities);
        Assert.Equal("Project", project.Name.Value);
        Assert.Equal(["id", "title"], project.Fields.Select(f => f.Name.Value));
        Assert.Contains(analysis.Diagnostics, d => d.Code == "LSG003" && d.Range.Start.Line == 9);
    }

    [Fact]
    public void Unclosed_flow_mapping_reports_only_the_syntax_error()
    {
        var analysis = SpecAnalyzer.Analyze("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - {name: Project, fields: [{name: id, type: uu
            """);
        Assert.Equal(["LSG001"], analysis.Diagnostics.Select(d => d.Code));
        Assert.Equal("Project", Assert.Single(analysis.Document.Entities).Name.Value);
    }

    [Fact]
    public void Item_without_a_name_stays_in_the_model_with_an_empty_name()
    {
        var analysis = SpecAnalyzer.Analyze("""
            spec_version: "1.0"
            project_name: demo
            entities:
              - fields:
                  - {name: id, type: uuid, primary_key: true}
            """);
        var entity = Assert.Single(analysis.Document.Entities);
        Assert.Equal("", entity.Name.Value);
        Assert.Single(entity.Fields);
        Assert.Equal(["LSG004"], analysis.Diagnostics.Select(d => d.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~")]
    public void Empty_documents_say_what_to_start_with(string text)
    {
        var analysis = SpecAnalyzer.Analyze(text);
        var d = Assert.Single(analysis.Diagnostics);
        Assert.Equal("LSG006", d.Code);
        Assert.Empty(analysis.Document.Entities);
    }

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    [InlineData("42")]
    public void Non_mapping_documents_are_a_wrong_kind(string text)
    {
        Assert.Equal(["LSG003"], SpecAnalyzer.Analyze(text).Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Wrong_kinds_in_every_place_do_not_stop_the_rest()
    {
        var analysis = SpecAnalyzer.Analyze("""
            spec_version: "1.0"
            project_name: [a, b]
            database: postgres
            auth: [jwt]
            entities:
              - Project
              - name: Task
                crud: maybe
                fields: {name: id}
              - name: Note
                fields:
                  - just a string
                  - {name: id, type: uuid, primary_key: true, default: [1]}
            user_stories: nope
            integrations:
              - {purpose: payments}
            """);
        Assert.Equal(["Task", "Note"], analysis.Document.Entities.Select(e => e.Name.Value));
        Assert.Equal([1, 2, 3, 5, 7, 8, 11, 12, 13],
            analysis.Diagnostics.Where(d => d.Code == "LSG003").Select(d => d.Range.Start.Line));
        Assert.Equal(15, Assert.Single(analysis.Diagnostics, d => d.Code == "LSG004").Range.Start.Line);
        Assert.Null(analysis.Document.ProjectName);
        Assert.Null(analysis.Document.Database);
    }

    [Fact]
    public void User_stories_and_integrations_are_loaded()
    {
        var analysis = SpecAnalyzer.Analyze(Specs.WithFields("") + """
            user_stories:
              - {role: customer, goal: pay online, benefit: no cash}
              - {role: owner, goal: see sales}
            integrations:
              - {name: Stripe, purpose: payments}
              - {name: Mailgun}
            """);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
        Assert.Equal(["customer", "owner"], analysis.Document.UserStories.Select(s => s.Role.Value));
        Assert.Null(analysis.Document.UserStories[1].Benefit);
        Assert.Equal(["Stripe", "Mailgun"], analysis.Document.Integrations.Select(i => i.Name.Value));
        Assert.Equal(SourceKind.Yaml, analysis.Document.Kind);
    }

    [Fact]
    public void Missing_role_in_a_user_story_points_at_its_first_line()
    {
        Fixture.Single(Specs.WithFields("") + """
            user_stories:
              - [|goal: pay online|]
            """, "LSG004");
    }
}
