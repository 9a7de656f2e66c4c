using LspGen.LanguageServer.Server;

namespace LspGen.LanguageServer.Tests.Server;

public class SpecFilesTests
{
    [Theory]
    [InlineData("spec_version: \"1.0\"\n")]
    [InlineData("# a comment\n\n---\nspec_version: 1.0\n")]
    [InlineData("%YAML 1.2\n--- \nspec_version : \"1.0\"\n")]
    [InlineData("\"spec_version\": \"1.0\"\n")]
    [InlineData("{\"spec_version\": \"1.0\", \"entities\": []}")]
    [InlineData("{\n  \"spec_version\": \"1.0\"\n}")]
    [InlineData("\r\n\r\nspec_version: \"1.0\"\r\n")]
    public void First_key_spec_version_makes_a_spec(string text) => Assert.True(SpecFiles.FirstKeyIsSpecVersion(text));

    [Theory]
    [InlineData("")]
    [InlineData("project_name: x\nspec_version: \"1.0\"\n")]
    [InlineData("spec_versions: 1\n")]
    [InlineData("# spec_version: 1.0\nname: x\n")]
    [InlineData("- spec_version: 1.0\n")]
    [InlineData("spec_version\n")]
    public void Other_documents_are_not_specs(string text) => Assert.False(SpecFiles.FirstKeyIsSpecVersion(text));

    [Theory]
    [InlineData("file:///w/spec.yaml", "yaml", true)]
    [InlineData("file:///w/spec.yml", "yaml", true)]
    [InlineData("file:///w/Shop.Spec.YAML", "yaml", true)]
    [InlineData("file:///w/shop.lspgen.yaml", "yaml", true)]
    [InlineData("untitled:Untitled-1", "lspgen-spec", true)]
    [InlineData("file:///w/docker-compose.yaml", "yaml", false)]
    [InlineData("file:///w/spec.yaml.bak", "plaintext", false)]
    [InlineData("file:///w/my%20spec.spec.yaml", "yaml", true)]
    public void Specs_are_recognised_by_name_or_language_id(string uri, string languageId, bool isSpec) =>
        Assert.Equal(isSpec, SpecFiles.IsSpec(uri, languageId, "name: x\n"));
}
