using System.Text;
using System.Text.Json;
using LspGen.Compiler.Render;
using YamlDotNet.RepresentationModel;

namespace LspGen.Compiler.Tests.Render;

public class EscapeTests
{
    private static readonly string[] HostileTexts =
    [
        "plain",
        "",
        "say \"hi\"",
        "it's",
        @"back\slash\",
        "\"\"\"",
        "'''",
        "line1\nline2\r\nline3",
        "{{ not handlebars }}",
        "f\"{os.system('x')}\"",
        "\"); import os; os.system(\"x\") #",
        "Ünïcödé ✓ 日本",
        "emoji 😀 astral",
        "sep\u2028para\u2029nel\u0085",
        "nul\0bell\a",
        "tab\there",
        "\\N{BULLET}",
        "lone \ud800 surrogate",
    ];

    public static TheoryData<string> Hostile => new(HostileTexts);

    [Fact]
    public void Py_str_escapes_quotes_backslashes_newlines_and_non_ascii()
    {
        Assert.Equal("\"say \\\"hi\\\"\"", Escape.PyStr("say \"hi\""));
        Assert.Equal(@"""a\\b""", Escape.PyStr(@"a\b"));
        Assert.Equal(@"""a\nb""", Escape.PyStr("a\nb"));
        Assert.Equal(@"""\u2028""", Escape.PyStr("\u2028"));
        Assert.Equal(@"""\xe9""", Escape.PyStr("é"));
        Assert.Equal(@"""\U0001f600""", Escape.PyStr("😀"));
        Assert.Equal("\"{{\"", Escape.PyStr("{{"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Py_str_is_printable_ascii_on_one_line(string text)
    {
        var literal = Escape.PyStr(text);

        Assert.All(literal, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("\"", literal);
        Assert.EndsWith("\"", literal);
    }

    [Fact]
    public void Py_str_round_trips_through_the_python_parser()
    {
        // Python reads each literal back as exactly the original text (lone surrogates become U+FFFD).
        var expected = HostileTexts.Select(ReplaceLoneSurrogates).ToList();
        var source = new StringBuilder("values = [\n");
        foreach (var text in expected) source.Append("    ").Append(Escape.PyStr(text)).Append(",\n");
        source.Append("]\n");

        var output = Python.Run(
            "import ast, json, sys\n" +
            "tree = ast.parse(sys.argv[1])\n" +
            "assert len(tree.body) == 1, 'the literals must form exactly one statement'\n" +
            "values = ast.literal_eval(tree.body[0].value)\n" +
            "print(json.dumps(values))\n",
            source.ToString());

        Assert.Equal(expected, JsonSerializer.Deserialize<List<string>>(output));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Yaml_str_is_one_scalar_with_the_original_value(string text)
    {
        var yaml = "key: " + Escape.YamlStr(text) + "\nother: 1\n";

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.Equal(2, root.Children.Count);
        Assert.Equal(ReplaceLoneSurrogates(text), ((YamlScalarNode)root.Children[new YamlScalarNode("key")]).Value);
        Assert.DoesNotContain('\n', Escape.YamlStr(text));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Yaml_str_is_also_a_json_string(string text)
    {
        Assert.Equal(ReplaceLoneSurrogates(text), JsonSerializer.Deserialize<string>(Escape.YamlStr(text)));
    }

    [Fact]
    public void Md_text_stays_on_one_line_and_escapes_markdown_syntax()
    {
        Assert.Equal("a b c", Escape.MdText("a\nb\u2028c"));
        Assert.Equal(@"\| cell \| \*bold\* \[link\]\(x\) \<script\>", Escape.MdText("| cell | *bold* [link](x) <script>"));
        Assert.Equal(@"\# not a heading", Escape.MdText("# not a heading"));
        Assert.Equal(@"\- not a list", Escape.MdText("- not a list"));
        Assert.Equal(@"1\. not a list", Escape.MdText("1. not a list"));
        Assert.Equal("a - b. c", Escape.MdText("a - b. c"));
        Assert.Equal(@"\{\{x\}\}", Escape.MdText("{{x}}"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Md_text_and_comment_never_contain_a_line_break(string text)
    {
        foreach (var output in new[] { Escape.MdText(text), Escape.Comment(text) })
        {
            Assert.DoesNotContain(output, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085');
        }
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes()) sb.Append(rune.ToString());
        return sb.ToString();
    }
}
