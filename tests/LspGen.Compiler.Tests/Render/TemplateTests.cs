using LspGen.Compiler.Enrich;
using LspGen.Compiler.Render;

namespace LspGen.Compiler.Tests.Render;

// The template interpreter must print exactly what Handlebars printed (the golden files depend on
// it); each case states Handlebars' behaviour for one construct. The expected strings were checked
// against Handlebars.Net 2.4.3, the engine this interpreter replaced.
public class TemplateTests
{
    private sealed record Item(string Name, int? Size, bool Flag, IReadOnlyList<Item> Children, UserText? Note);
    private sealed record Root(string Title, IReadOnlyList<Item> Items, Item? Main);

    private static readonly Dictionary<string, Func<object?[], object?>> Helpers = new(StringComparer.Ordinal)
    {
        ["up"] = args => ((args[0] as UserText)?.Value ?? args[0]?.ToString())?.ToUpperInvariant(),
        ["eq"] = args => string.Equals(args[0]?.ToString(), args[1]?.ToString(), StringComparison.Ordinal),
    };

    private static Item It(string name, int? size = null, bool flag = false, UserText? note = null, params Item[] children) =>
        new(name, size, flag, children, note);

    private static readonly Root Model = new("T", [It("a", 1, flag: true), It("b", 0, note: new UserText("n")), It("c", children: It("c1"))], It("m", 7));

    private static string Run(string source, object? model = null) =>
        Template.Parse("test.hbs", source, Helpers).Render(model ?? Model);

    [Theory]
    [InlineData("{{Title}}-{{Main.Size}}-{{Main.Name}}", "T-7-m")]
    [InlineData("{{Missing}}|{{Main.Missing}}|{{Main.Note}}", "||")]
    [InlineData("{{Items.[1].Name}}{{Items.[9].Name}}", "b")]
    [InlineData("{{#each Items}}{{@index}}{{Name}}{{#unless @last}},{{/unless}}{{/each}}", "0a,1b,2c")]
    [InlineData("{{#each Items}}{{#if @first}}[{{/if}}{{Name}}{{/each}}", "[abc")]
    [InlineData("{{#each Items}}{{#each Children}}{{../Name}}/{{Name}} {{@root.Title}}{{/each}}{{/each}}", "c/c1 T")]
    [InlineData("{{#each Main.Children}}x{{else}}none{{/each}}", "none")]
    [InlineData("{{#with Main}}{{Name}}{{../Title}}{{/with}}{{#with Missing}}x{{else}}no {{Title}}{{/with}}", "mTno T")]
    [InlineData("{{#each Items}}{{#if Size}}{{Size}}{{else}}-{{/if}}{{#if Flag}}!{{/if}}{{/each}}", "1!--")]
    [InlineData("{{#if Items}}list{{/if}}{{#if Main.Children}}empty{{/if}}{{#unless Main.Children}}no children{{/unless}}", "listno children")]
    [InlineData("{{#with Main}}{{#if Flag}}{{else}}{{../Title}}{{this.Name}}{{/if}}{{/with}}", "Tm")]
    [InlineData("{{up Title}} {{#if (eq Main.Name \"m\")}}yes{{/if}} {{#each Items}}{{up Note}}{{/each}}", "T yes N")]
    public void Prints_like_handlebars(string source, string expected) => Assert.Equal(expected, Run(source));

    [Theory]
    // A block tag, else or comment alone on its line takes the whole line with it.
    [InlineData("a\n{{#if Title}}\n  b\n{{else}}\n  c\n{{/if}}\nd\n", "a\n  b\nd\n")]
    [InlineData("  {{#each Items}}\n- {{Name}}\n  {{/each}}\n", "- a\n- b\n- c\n")]
    [InlineData("x\n  {{! a comment }}\ny", "x\ny")]
    [InlineData("{{#if Title}}\nfirst line{{/if}}", "first line")]
    // Not alone on its line: nothing is removed.
    [InlineData("a {{#if Title}}\nb\n{{/if}} c", "a \nb\n c")]
    [InlineData("{{#if Title}}{{/if}}\nx", "\nx")]
    // "~" strips every whitespace character on its side, line breaks included.
    [InlineData("${ {{~Title~}} :-}", "${T:-}")]
    [InlineData("a  \n\n  {{~#if Title~}}  \n b {{~/if}}\n", "ab\n")]
    public void Whitespace_follows_handlebars(string source, string expected) => Assert.Equal(expected, Run(source));

    [Fact]
    public void Inline_partials_print_with_the_current_context_and_standalone_ones_are_indented()
    {
        const string source = "{{#*inline \"item\"}}<{{Name}}>{{/inline}}\n{{#each Items}}{{> item}}{{/each}}\n" +
            "{{#*inline \"lines\"}}\none\ntwo\n{{/inline}}\n  {{> lines}}\nend";
        Assert.Equal("\n<a><b><c>\n  one\n  two\nend", Run(source));
    }

    [Fact]
    public void User_text_cannot_be_printed_without_a_helper()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Run("{{#each Items}}{{Note}}{{/each}}"));
        Assert.Contains("escaping helper", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\n{{#if Title}}\nb", "test.hbs:2: {{#if}} is never closed")]
    [InlineData("{{#each Items}}{{/if}}", "test.hbs:1: {{/if}} closes {{#each}}")]
    [InlineData("x\n\n{{shout Title}}", "test.hbs:3: unknown helper \"shout\"")]
    [InlineData("{{#repeat Items}}{{/repeat}}", "test.hbs:1: unknown block helper \"#repeat\"")]
    [InlineData("{{{Title}}}", "test.hbs:1: \"{{{Title}}\" uses Handlebars syntax this renderer does not support")]
    [InlineData("{{#if up Title}}{{/if}}", "test.hbs:1: \"up Title\": wrap a helper call in parentheses here")]
    [InlineData("{{Title", "test.hbs:1: a \"{{\" is never closed with \"}}\"")]
    [InlineData("{{> nowhere}}", "test.hbs:1: no inline partial named \"nowhere\"")]
    public void Template_errors_name_the_template_and_line(string source, string message)
    {
        var e = Assert.Throws<TemplateException>(() => Run(source));
        Assert.Equal(message, e.Message);
    }
}
