using LspGen.Spec.Model;

namespace LspGen.Spec.Tests;

public class ExampleTests
{
    [Theory]
    [InlineData("task_manager.spec.yaml")]
    [InlineData("ecommerce.spec.yaml")]
    [InlineData("no_auth.spec.yaml")]
    public void Examples_have_no_errors_and_no_warnings(string file)
    {
        var text = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "examples", file));
        var analysis = SpecAnalyzer.Analyze(text);
        Assert.True(analysis.Diagnostics.Count == 0, Fixture.Describe(analysis.Diagnostics));
        Assert.NotEmpty(analysis.Document.Entities);
        Assert.All(analysis.Document.Entities, e => Assert.NotEmpty(e.Fields));
    }

    [Fact]
    public void Task_manager_model_keeps_values_and_ranges()
    {
        var text = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "examples", "task_manager.spec.yaml"));
        var doc = SpecAnalyzer.Analyze(text).Document;
        Assert.Equal("1.0", doc.SpecVersion?.Value);
        Assert.Equal("task_manager", doc.ProjectName?.Value);
        Assert.Equal(30, doc.Auth?.AccessTokenExpiryMinutes?.Value);
        var task = doc.Entities.Single(e => e.Name.Value == "Task");
        var projectId = task.Fields.Single(f => f.Name.Value == "project_id");
        Assert.Equal("Project", projectId.References?.Value);
        Assert.False(projectId.Nullable?.Value);
        var priority = task.Fields.Single(f => f.Name.Value == "priority");
        Assert.Equal(new ScalarValue("3", false), priority.Default?.Value);
        // The name's range is the value token, e.g. `Project` in `- name: Project`.
        var lines = text.Split('\n');
        var nameRange = doc.Entities[0].Name.Range;
        Assert.Equal("Project", lines[nameRange.Start.Line][nameRange.Start.Character..nameRange.End.Character]);
        var keyRange = doc.Entities[0].KeyRanges["fields"];
        Assert.Equal("fields", lines[keyRange.Start.Line][keyRange.Start.Character..keyRange.End.Character]);
        Assert.Single(doc.UserStories);
        Assert.Empty(doc.Integrations);
    }
}
