using LspGen.Compiler.Enrich;
using LspGen.Compiler.Render;
using static LspGen.Compiler.Tests.Specs;

namespace LspGen.Compiler.Tests.Render;

// The rules every Scriban template runs under: user text prints only through its escaping function,
// and a name the data does not have is an error, never an empty string.
public class TemplateRulesTests
{
    private static readonly ProjectModel Model = Enricher.Enrich(TaskManager()) with { Description = new UserText("Tasks \"and\" more") };
    private static EntityModel Task => Model.Entities.Single(e => e.ClassName == "Task");

    [Theory]
    [InlineData("{{ project.Description }}")]
    [InlineData("x{{ project.Description }}y")]
    [InlineData("{{ for e in project.Entities }}{{ e.Description }}{{ end }}")]
    public void User_text_without_an_escaping_helper_fails_the_render(string template)
    {
        var e = Assert.ThrowsAny<Exception>(() => Renderer.RenderSource(template, Model, Task));

        Assert.Contains("without an escaping helper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_without_its_helper_fails_the_render()
    {
        var withDefault = Model.Entities.SelectMany(e => e.DataFields).First(f => f.Default is not null);
        var owner = Model.Entities.First(e => e.DataFields.Contains(withDefault));
        var template = "{{ for f in entity.DataFields }}{{ if f.Name == \"" + withDefault.Name + "\" }}{{ f.Default }}{{ end }}{{ end }}";

        var e = Assert.ThrowsAny<Exception>(() => Renderer.RenderSource(template, Model, owner));

        Assert.Contains("without an escaping helper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaping_helpers_print_user_text()
    {
        var text = Renderer.RenderSource("{{ py_str project.Description }} {{ yaml_str project.Description }} {{ md_text project.Description }} {{ comment project.Description }}", Model, null);

        Assert.Equal("\"Tasks \\\"and\\\" more\" \"Tasks \\\"and\\\" more\" Tasks \"and\" more Tasks \"and\" more", text);
    }

    [Theory]
    [InlineData("{{ project.Description.Value }}")] // no reflection into our records
    [InlineData("{{ project.Nope }}")]               // unknown member
    [InlineData("{{ nope }}")]                       // unknown variable
    [InlineData("{{ entity.ClassName }}")]           // no entity in a project-wide template
    [InlineData("{{ project.Name.Length }}")]        // no reflection into .NET types either
    public void Unknown_names_and_reflection_fail_the_render(string template) =>
        Assert.ThrowsAny<Exception>(() => Renderer.RenderSource(template, Model, null));

    [Fact]
    public void Loops_are_not_limited()
    {
        // Scriban's default LoopLimit (1000 iterations, counted across nested loops) would throw here.
        var text = Renderer.RenderSource("{{ for i in 1..1500 }}{{ for f in entity.Fields }}.{{ end }}{{ end }}", Model, Task);

        Assert.Equal(1500 * Task.Fields.Count, text.Length);
    }
}
