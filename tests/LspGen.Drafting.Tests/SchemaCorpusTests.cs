namespace LspGen.Drafting.Tests;

/// <summary>
/// The drafter's schema check (JsonSchema.Net, in process) against tests/schema/corpus, beside the ajv suite
/// there: the folder of a file is its verdict (valid/ and semantic/ accepted, invalid/ rejected), and every
/// examples/*.spec.yaml is accepted. If JsonSchema.Net and ajv ever disagree, one of these fails.
/// </summary>
public class SchemaCorpusTests
{
    private static readonly string Corpus = Path.Combine(SpecDrafterTests.RepoRoot(), "tests", "schema", "corpus");

    public static TheoryData<string> Accepted() => Files(
        Yaml(Path.Combine(Corpus, "valid")).Concat(Yaml(Path.Combine(Corpus, "semantic")))
            .Concat(Directory.GetFiles(Path.Combine(SpecDrafterTests.RepoRoot(), "examples"), "*.spec.yaml")));

    public static TheoryData<string> Rejected() => Files(Yaml(Path.Combine(Corpus, "invalid")));

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_schema_accepts(string file)
    {
        using var instance = YamlToJson.Convert(File.ReadAllText(Path.Combine(SpecDrafterTests.RepoRoot(), file)));
        var errors = SpecSchema.Check(instance.RootElement);
        Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void The_schema_rejects(string file)
    {
        using var instance = YamlToJson.Convert(File.ReadAllText(Path.Combine(SpecDrafterTests.RepoRoot(), file)));
        Assert.NotEmpty(SpecSchema.Check(instance.RootElement));
    }

    [Fact]
    public void Every_corpus_file_is_checked_and_the_corpus_is_the_one_ajv_reads()
    {
        var all = Directory.GetFiles(Corpus, "*", SearchOption.AllDirectories);
        Assert.All(all, f => Assert.EndsWith(".yaml", f));
        Assert.Equal(["invalid", "semantic", "valid"], Directory.GetDirectories(Corpus).Select(Path.GetFileName).Order());
        Assert.Equal(all.Length, Yaml(Path.Combine(Corpus, "valid")).Count() + Yaml(Path.Combine(Corpus, "semantic")).Count() + Rejected().Count);
        Assert.True(all.Length >= 126, $"the corpus has {all.Length} files; the cross-check was established on 126");
    }

    [Fact]
    public void The_yaml_reading_matches_the_core_schema_the_ajv_suite_uses()
    {
        using var json = YamlToJson.Convert("a: 1.0\nb: 0x1F\nc: yes\nd: ~\ne: '1'\nf: 0o17\ng: -2.5e1\nh:\ni: [True, \"null\"]\n");
        Assert.Equal("""{"a":1,"b":31,"c":"yes","d":null,"e":"1","f":15,"g":-25,"h":null,"i":[true,"null"]}""", json.RootElement.GetRawText());
    }

    private static IEnumerable<string> Yaml(string folder) => Directory.GetFiles(folder, "*.yaml");

    private static TheoryData<string> Files(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var path in paths.Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(SpecDrafterTests.RepoRoot(), path).Replace('\\', '/'));
        return data;
    }
}
