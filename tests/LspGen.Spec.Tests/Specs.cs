namespace LspGen.Spec.Tests;

/// <summary>Building blocks for fixtures: a valid spec head, so each test shows only what it is about.</summary>
public static class Specs
{
    public const string Head = """
        spec_version: "1.0"
        project_name: demo
        auth:
          enabled: false

        """;

    /// <summary>A complete valid spec with one entity whose fields are <paramref name="fieldsYaml"/> (indented as field items).</summary>
    public static string WithFields(string fieldsYaml) => Head + """
        entities:
          - name: Item
            fields:
              - name: id
                type: uuid
                primary_key: true

        """ + fieldsYaml;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LspGen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LspGen.sln not found above " + AppContext.BaseDirectory);
    }
}
