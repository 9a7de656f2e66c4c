using System.Text;
using LspGen.Spec.Emit;
using LspGen.Spec.Model;
using LspGen.Spec.Prd;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Tests.Prd;

/// <summary>PRD → spec.yaml (SpecYamlWriter) loses nothing: loading the YAML gives the same model, so the compiler output is the same.</summary>
public class PrdConversionTests
{
    public static TheoryData<string> PrdExamples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Specs.RepoRoot(), "examples"), "*.prd.md").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void There_are_at_least_three_PRD_examples() => Assert.True(PrdExamples().Count >= 3);

    [Theory]
    [MemberData(nameof(PrdExamples))]
    public void Each_example_is_valid_and_converts_to_the_same_model(string file)
    {
        var text = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "examples", file));
        var prd = PrdAnalyzer.Analyze(text, file);
        Assert.False(prd.HasErrors, Fixture.Describe(prd.Diagnostics));
        Assert.NotEmpty(prd.Document.UserStories);
        Assert.NotEmpty(prd.Document.Integrations);

        var yaml = SpecYamlWriter.Write(prd.Document, file);
        var spec = SpecAnalyzer.Analyze(yaml);
        Assert.False(spec.HasErrors, yaml + "\n" + Fixture.Describe(spec.Diagnostics));
        Assert.Equal(Dump(prd.Document), Dump(spec.Document));
        // The validator says the same about both, apart from the PRD-only notes (LSG1xx) and LSG013, which PRDs do not report.
        Assert.Equal(prd.Diagnostics.Where(d => !d.Code.StartsWith("LSG1", StringComparison.Ordinal)).Select(d => d.Code),
            spec.Diagnostics.Where(d => d.Code != "LSG013").Select(d => d.Code));
        Assert.Equal(yaml, SpecYamlWriter.Write(PrdAnalyzer.Analyze(text, file).Document, file));
    }

    [Theory]
    [InlineData("plain words")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.0")]
    [InlineData("0x1F")]
    [InlineData("key: value # not a comment")]
    [InlineData("- dash first")]
    [InlineData(" leading and trailing ")]
    [InlineData("quotes \" and ' and \\ backslash")]
    [InlineData("line\nbreak\r\ntab\t")]
    [InlineData("unicode é 日本 😀 \u2028 \u0085 \u0007")]
    [InlineData("{flow: [x]}, &anchor *alias !tag %directive @at `tick`")]
    [InlineData("")]
    public void Strings_round_trip_through_the_writer(string value)
    {
        var at = SourceRange.At(0, 0);
        Located<string> L(string s) => new(s, at);
        var doc = SpecDocument.Empty(SourceKind.Prd, at) with
        {
            ProjectName = L("demo"),
            Description = L(value),
            Entities = [new EntitySpec(L("Note"), null, null, L(value),
                [new FieldSpec(L("body"), L("text"), null, new Located<bool>(false, at), null, null, null, null, null, L(value), at)], at)],
            UserStories = [new UserStorySpec(L(value.Length == 0 ? "x" : value), L("goal"), L(value), at)],
            Integrations = [new IntegrationSpec(L("Stripe"), L(value), at)],
        };
        var yaml = SpecYamlWriter.Write(doc, "odd\nname.prd.md");
        var loaded = SpecAnalyzer.Analyze(yaml);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Code is "LSG001" or "LSG002" or "LSG003");
        Assert.Equal(Dump(doc), Dump(loaded.Document));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("-1.5", false)]
    [InlineData("true", false)]
    [InlineData("null", false)]
    [InlineData("~", false)]
    [InlineData("-", false)]
    [InlineData("open", false)]
    [InlineData("1", true)]
    [InlineData("a: b", true)]
    public void Defaults_keep_their_kind(string text, bool quoted)
    {
        var at = SourceRange.At(0, 0);
        Located<string> L(string s) => new(s, at);
        var field = new FieldSpec(L("x"), L("string"), null, null, null, null, null, new Located<ScalarValue>(new ScalarValue(text, quoted), at), null, null, at);
        var doc = SpecDocument.Empty(SourceKind.Yaml, at) with { ProjectName = L("demo"), Entities = [new EntitySpec(L("Note"), null, null, null, [field], at)] };
        var loaded = SpecAnalyzer.Analyze(SpecYamlWriter.Write(doc));
        var value = Assert.Single(Assert.Single(loaded.Document.Entities).Fields).Default!.Value.Value;
        // A plain "-" cannot stay plain (YAML would read a list); it is the only value that becomes quoted.
        Assert.Equal(new ScalarValue(text, quoted || text == "-"), value);
    }

    [Fact]
    public void The_writer_comments_references_and_sections()
    {
        var analysis = PrdAnalyzer.Analyze("# Blog\n\n## Entities\n- Post: title (string, required)\n- Comment: post (Post, required)\n", "blog.prd.md");
        var yaml = SpecYamlWriter.Write(analysis.Document, "blog.prd.md");
        Assert.StartsWith("# LspGen spec (format 1.0) converted from blog.prd.md by lspgen prd2spec.\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      # a reference: the id of a row of Post\n      - name: post_id\n        type: uuid\n        nullable: false\n        references: Post\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_from_round_trips_through_the_writer()
    {
        var spec = SpecAnalyzer.Analyze(Specs.Head + """
            entities:
              - name: Board
                renamed_from: Project
                fields:
                  - {name: id, type: uuid, primary_key: true}
                  - {name: title, type: string, renamed_from: name}
            """);
        Assert.False(spec.HasErrors, Fixture.Describe(spec.Diagnostics));
        var yaml = SpecYamlWriter.Write(spec.Document);
        Assert.Contains("  - name: Board\n    renamed_from: Project\n", yaml, StringComparison.Ordinal);
        Assert.Contains("        type: string\n        renamed_from: name\n", yaml, StringComparison.Ordinal);
        var loaded = SpecAnalyzer.Analyze(yaml);
        Assert.False(loaded.HasErrors, yaml + "\n" + Fixture.Describe(loaded.Diagnostics));
        Assert.Equal(Dump(spec.Document), Dump(loaded.Document));
        Assert.Contains("|was=name", Dump(loaded.Document), StringComparison.Ordinal);
    }

    [Fact]
    public void Conversion_gives_no_yaml_for_a_PRD_with_errors()
    {
        var bad = PrdConversion.Convert("# Demo\n\n## Entities\n- Task: title (required)\n", "/w/demo.prd.md");
        Assert.Null(bad.Yaml);
        Assert.True(bad.Analysis.HasErrors);
        var good = PrdConversion.Convert("# Demo\n\n## Entities\n- Task: title (string)\n", "/w/demo.prd.md");
        Assert.Equal("/w/demo.spec.yaml", good.SpecPath);
        Assert.Contains("project_name: demo\n", good.Yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/w/tracker.prd.md", "/w/tracker.spec.yaml")]
    [InlineData("/w/PRD.md", "/w/PRD.spec.yaml")]
    [InlineData("notes.markdown", "notes.spec.yaml")]
    [InlineData("/w/.prd.md", "/w/spec.spec.yaml")]
    public void The_spec_goes_next_to_the_PRD(string prd, string spec) => Assert.Equal(spec, SpecSources.SpecPathFor(prd));

    [Theory]
    [InlineData("a.prd.md", true)]
    [InlineData("A.MD", true)]
    [InlineData("spec.yaml", false)]
    [InlineData("spec.json", false)]
    [InlineData(null, false)]
    public void Markdown_files_are_PRDs(string? path, bool prd) => Assert.Equal(prd, SpecSources.IsPrd(path));

    /// <summary>Everything the compiler reads from a document, without ranges.</summary>
    private static string Dump(SpecDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("project=").Append(doc.ProjectName?.Value).Append("|desc=").Append(doc.Description?.Value)
            .Append("|db=").Append(doc.Database?.Type?.Value).Append(doc.Database?.Version?.Value)
            .Append("|auth=").Append(doc.Auth?.Enabled?.Value).Append(doc.Auth?.Type?.Value).Append(doc.Auth?.AccessTokenExpiryMinutes?.Value).Append('\n');
        foreach (var e in doc.Entities)
        {
            sb.Append("entity ").Append(e.Name.Value).Append('|').Append(e.TableName?.Value).Append('|').Append(e.Crud?.Value).Append('|').Append(e.Description?.Value).Append("|was=").Append(e.RenamedFrom?.Value).Append('\n');
            foreach (var f in e.Fields)
                sb.Append("  ").Append(f.Name.Value).Append(':').Append(f.Type.Value).Append("|pk=").Append(f.PrimaryKey?.Value).Append("|null=").Append(f.Nullable?.Value)
                    .Append("|unique=").Append(f.Unique?.Value).Append("|index=").Append(f.Index?.Value).Append("|max=").Append(f.MaxLength?.Value)
                    .Append("|default=").Append(f.Default?.Value).Append("|ref=").Append(f.References?.Value).Append("|desc=").Append(f.Description?.Value).Append("|was=").Append(f.RenamedFrom?.Value).Append('\n');
        }
        foreach (var s in doc.UserStories) sb.Append("story ").Append(s.Role.Value).Append('|').Append(s.Goal.Value).Append('|').Append(s.Benefit?.Value).Append('\n');
        foreach (var i in doc.Integrations) sb.Append("integration ").Append(i.Name.Value).Append('|').Append(i.Purpose?.Value).Append('\n');
        return sb.ToString();
    }
}
