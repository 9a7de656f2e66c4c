using System.Text.Json;
using LspGen.Spec;

namespace LspGen.Drafting.Tests;

/// <summary>A model's JSON → indented JSON → validator → spec.yaml: every string survives unchanged.</summary>
public class DraftedSpecTests
{
    [Theory]
    [InlineData("Tracks projects and tasks")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("1.0")]
    [InlineData("-leading dash")]
    [InlineData("key: value # not a comment")]
    [InlineData("  padded  ")]
    [InlineData("line one\nline two\ttab")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("*alias &anchor !tag %directive @at `tick")]
    [InlineData("unicode é ü 日本 \u2028 sep")]
    public void A_description_reads_back_unchanged_from_the_written_yaml(string text)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["spec_version"] = "1.0",
            ["project_name"] = "demo",
            ["description"] = text,
            ["entities"] = new[] { new Dictionary<string, object> { ["name"] = "Item", ["fields"] = new[] { new Dictionary<string, object> { ["name"] = "id", ["type"] = "uuid", ["primary_key"] = true } } } },
        });
        using var document = JsonDocument.Parse(json);
        var analysis = SpecAnalyzer.Analyze(DraftedSpec.ToJson(document.RootElement));
        Assert.False(analysis.HasErrors);

        var yaml = DraftedSpec.ToYaml(analysis);
        Assert.StartsWith(DraftedSpec.ReviewHeader, yaml);
        var reread = SpecAnalyzer.Analyze(yaml);
        Assert.False(reread.HasErrors);
        Assert.Equal(text, reread.Document.Description?.Value);
    }

    [Fact]
    public void The_json_the_validator_reads_is_indented_with_readable_unicode()
    {
        using var document = JsonDocument.Parse("""{"a":{"b":"é<>&"},"c":[1]}""");
        Assert.Equal("{\n  \"a\": {\n    \"b\": \"é<>&\"\n  },\n  \"c\": [\n    1\n  ]\n}\n", DraftedSpec.ToJson(document.RootElement));
    }
}
