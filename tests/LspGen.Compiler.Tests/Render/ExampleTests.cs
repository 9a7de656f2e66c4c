using LspGen.Compiler.Enrich;
using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace LspGen.Compiler.Tests.Render;

/// <summary>
/// Every spec in examples/ compiles, every generated Python module parses, and openapi.yaml names
/// exactly the routes the routers declare. (Running the projects against PostgreSQL is the e2e suite.)
/// </summary>
public class ExampleTests
{
    public static TheoryData<string> Examples => new(
        Directory.EnumerateFiles(ExamplesDirectory(), "*.spec.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_compiles_to_python_that_parses(string example)
    {
        var files = Compile(example, out _);
        var dir = Directory.CreateTempSubdirectory("lspgen-example-");
        try
        {
            foreach (var f in files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal)))
            {
                var path = Path.Combine(dir.FullName, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, f.Content);
            }
            var output = Python.Run("""
                import ast, pathlib, sys
                root = pathlib.Path(sys.argv[1])
                for path in sorted(root.rglob("*.py")):
                    ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
                print(len(list(root.rglob("*.py"))))
                """, dir.FullName);
            Assert.Equal(files.Count(f => f.Path.EndsWith(".py", StringComparison.Ordinal)), int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Openapi_yaml_has_exactly_the_served_routes(string example)
    {
        var files = Compile(example, out var model);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(files.Single(f => f.Path == "openapi.yaml").Content));
        var paths = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("paths")];
        var documented = paths.Children.SelectMany(p => ((YamlMappingNode)p.Value).Children.Keys
                .Select(k => ((YamlScalarNode)k).Value!)
                .Where(m => m is "get" or "post" or "put" or "delete")
                .Select(m => m + " " + ((YamlScalarNode)p.Key).Value))
            .Order(StringComparer.Ordinal);

        var expected = new List<string> { "get /health", "get /ready" };
        if (model.Auth.Enabled)
            expected.AddRange(["post /auth/register", "post /auth/login", "post /auth/logout", "get /auth/me"]);
        foreach (var e in model.CrudEntities)
        {
            expected.AddRange(["post " + e.RoutePath, "get " + e.RoutePath]);
            expected.AddRange(new[] { "get", "put", "delete" }.Select(m => m + " " + e.RoutePath + "/{id}"));
        }
        Assert.Equal(expected.Order(StringComparer.Ordinal), documented);

        // The routers declare the same routes: one prefix per entity, and the five decorators.
        foreach (var e in model.CrudEntities)
        {
            var router = files.Single(f => f.Path == $"app/routers/{e.Module}.py").Content;
            Assert.Contains($"APIRouter(prefix=\"{e.RoutePath}\"", router, StringComparison.Ordinal);
            foreach (var decorator in new[] { "@router.post(\"\"", "@router.get(\"\"", "@router.get(\"/{id}\"", "@router.put(\"/{id}\"", "@router.delete(\"/{id}\"" })
                Assert.Equal(1, CountOf(router, decorator));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Compose_file_is_yaml_with_a_healthy_database_dependency(string example)
    {
        var files = Compile(example, out var model);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(files.Single(f => f.Path == "docker-compose.yml").Content));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        var app = (YamlMappingNode)services.Children[new YamlScalarNode("app")];
        var dependsOn = (YamlMappingNode)app.Children[new YamlScalarNode("depends_on")];
        var db = (YamlMappingNode)dependsOn.Children[new YamlScalarNode("db")];

        Assert.Equal("service_healthy", ((YamlScalarNode)db.Children[new YamlScalarNode("condition")]).Value);
        var image = ((YamlScalarNode)((YamlMappingNode)services.Children[new YamlScalarNode("db")]).Children[new YamlScalarNode("image")]).Value;
        Assert.Equal("postgres:" + model.PostgresVersion, image);
    }

    private static IReadOnlyList<GeneratedFile> Compile(string example, out ProjectModel model)
    {
        var analysis = SpecAnalyzer.Analyze(File.ReadAllText(Path.Combine(ExamplesDirectory(), example)));
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Severity == Severity.Error);
        model = Enricher.Enrich(analysis.Document);
        return BackendCompiler.Compile(analysis.Document);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string ExamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var examples = Path.Combine(dir.FullName, "examples");
            if (Directory.Exists(examples) && File.Exists(Path.Combine(dir.FullName, "LspGen.sln"))) return examples;
        }
        throw new InvalidOperationException("Cannot find the repository's examples/ folder above " + AppContext.BaseDirectory);
    }
}
