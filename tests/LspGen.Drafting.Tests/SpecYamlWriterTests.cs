using System.Text.Json;
using LspGen.Spec;

namespace LspGen.Drafting.Tests;

public class SpecYamlWriterTests
{
    [Theory]
    [InlineData("Tracks projects and tasks")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("1.0")]
    [InlineData("-leading dash")]
    [InlineData("key: value # not a comment")]
    [InlineData("  padded  ")]
    [InlineData("line one\nline two\ttab")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("*alias &anchor !tag %directive @at `tick")]
    [InlineData("[flow], {map}")]
    [InlineData("unicode é ü 日本 \u2028 sep")]
    [InlineData("")]
    public void Every_string_reads_back_unchanged(string text)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["spec_version"] = "1.0",
            ["project_name"] = "demo",
            ["description"] = text,
            ["entities"] = new[] { new Dictionary<string, object> { ["name"] = "Item", ["fields"] = new[] { new Dictionary<string, object> { ["name"] = "id", ["type"] = "uuid", ["primary_key"] = true } } } },
        });
        using var document = JsonDocument.Parse(json);
        var yaml = SpecYamlWriter.Write(document.RootElement);

        var analysis = SpecAnalyzer.Analyze(yaml);
        Assert.Equal(text, analysis.Document.Description?.Value);
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Code == "LSG001");
    }

    [Fact]
    public void Nested_collections_scalars_and_empties_are_block_yaml()
    {
        using var document = JsonDocument.Parse("""{"a":{"b":1.5,"c":[true,null,"x"],"d":{},"e":[]},"f":[[1,2],{"g":"h","i":[{"j":0}]}]}""");
        Assert.Equal(
            "a:\n  b: 1.5\n  c:\n    - true\n    - null\n    - x\n  d: {}\n  e: []\n" +
            "f:\n  -\n    - 1\n    - 2\n  - g: h\n    i:\n      - j: 0\n",
            SpecYamlWriter.Write(document.RootElement, withHeader: false));
    }
}
