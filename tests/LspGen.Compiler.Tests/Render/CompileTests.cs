using System.Globalization;
using System.Text.Json;
using LspGen.Spec.Model;
using YamlDotNet.RepresentationModel;
using static LspGen.Compiler.Tests.Specs;

namespace LspGen.Compiler.Tests.Render;

public class CompileTests
{
    [Fact]
    public void Task_manager_has_exactly_the_canonical_structure()
    {
        var paths = BackendCompiler.Compile(TaskManager()).Select(f => f.Path);

        Assert.Equal(
        [
            ".env.example", ".gitignore", "ARCHITECTURE.md", "Dockerfile", "README.md",
            "alembic.ini", "alembic/env.py", "alembic/script.py.mako", "alembic/versions/0001_initial.py",
            "app/__init__.py", "app/auth.py", "app/config.py", "app/crud.py", "app/database.py",
            "app/hooks/__init__.py", "app/hooks/project.py", "app/hooks/task.py",
            "app/main.py", "app/models.py", "app/routers/__init__.py", "app/routers/project.py", "app/routers/task.py",
            "app/schemas.py", "docker-compose.yml", "openapi.yaml", "requirements.txt",
            "tests/conftest.py", "tests/test_auth.py", "tests/test_migrations.py", "tests/test_project.py", "tests/test_task.py",
        ], paths);
    }

    [Fact]
    public void Per_entity_files_exist_only_for_entities_with_crud()
    {
        var paths = BackendCompiler.Compile(NoAuth()).Select(f => f.Path).ToList();

        Assert.Contains("app/routers/entry.py", paths);
        Assert.Contains("tests/test_tag.py", paths);
        Assert.DoesNotContain(paths, p => p.Contains("category", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_entity_hook_modules_belong_to_the_user()
    {
        var owned = BackendCompiler.Compile(TaskManager()).Where(f => f.Owner == FileOwner.User).Select(f => f.Path);

        Assert.Equal(["app/hooks/project.py", "app/hooks/task.py"], owned);
    }

    [Fact]
    public void Output_is_sorted_uses_lf_and_ends_with_a_newline()
    {
        var files = BackendCompiler.Compile(Ecommerce());

        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.All(files, f =>
        {
            Assert.DoesNotContain('\r', f.Content);
            Assert.EndsWith("\n", f.Content);
            Assert.DoesNotContain('\\', f.Path);
        });
    }

    [Fact]
    public void Compiling_twice_gives_identical_output()
    {
        Assert.Equal(Snapshot(Ecommerce()), Snapshot(Ecommerce()));
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Output_does_not_depend_on_the_current_culture(string culture)
    {
        // Defaults such as 4.5 and names with 'i' (Turkish dotless i) are where cultures usually leak in.
        var doc = Specs.Document("inventory_items", null,
            Specs.Entity("InventoryItem",
                Field("title", "string", nullable: false),
                Field("price", "float", @default: Plain("1234.5")),
                Field("count", "integer", @default: Plain("-12000")),
                Field("seen", "datetime", @default: Str("2024-03-01T10:00:00+02:00"))));
        var expected = Snapshot(doc);

        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(culture, CultureInfo.CurrentCulture.Name); // a real culture, not the invariant fallback
            Assert.Equal(expected, Snapshot(doc));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    private const string Payload = "\"); import os; os.system(\"x\") #";
    private const string PayloadWithBreaks = "x\"\"\"\n# Injected heading\r\n| a | b |\u2028{{@root}}\n- item: [1, 2]";

    private static SpecDocument HostileSpec() =>
        Specs.Document("hostile", null,
            Specs.Entity("Note",
                Field("title", "string", nullable: false, @default: Str(Payload), description: PayloadWithBreaks),
                Field("body", "text", @default: Str(PayloadWithBreaks), description: Payload)) with { Description = L(Payload) })
        with
        {
            Description = L(PayloadWithBreaks),
            UserStories = [new UserStorySpec(L(Payload), L(PayloadWithBreaks), L(Payload), default)],
            Integrations = [new IntegrationSpec(L(PayloadWithBreaks), L(Payload), default)],
        };

    [Fact]
    public void Hostile_text_lands_only_inside_python_string_literals()
    {
        var files = BackendCompiler.Compile(HostileSpec()).Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal)).ToList();
        var dir = Directory.CreateTempSubdirectory("lspgen-hostile-");
        try
        {
            foreach (var f in files)
            {
                var path = Path.Combine(dir.FullName, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, f.Content);
            }

            // Every module parses; no call anywhere is named system/exec/eval/__import__; and the payloads
            // survive verbatim as string constants (so they were escaped, not dropped).
            var report = Python.Run("""
                import ast, json, pathlib, sys
                root = pathlib.Path(sys.argv[1])
                forbidden, strings = [], set()
                for path in sorted(root.rglob("*.py")):
                    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
                    for node in ast.walk(tree):
                        if isinstance(node, ast.Call):
                            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                            if name in ("system", "exec", "eval", "__import__", "popen"):
                                forbidden.append(f"{path.relative_to(root)}:{node.lineno}")
                        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                            strings.add(node.value)
                print(json.dumps({"forbidden": forbidden, "strings": sorted(strings)}))
                """, dir.FullName);

            using var json = JsonDocument.Parse(report);
            Assert.Empty(json.RootElement.GetProperty("forbidden").EnumerateArray());
            var strings = json.RootElement.GetProperty("strings").EnumerateArray().Select(e => e.GetString()).ToHashSet();
            Assert.Contains(Payload, strings);
            Assert.Contains(PayloadWithBreaks, strings);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Hostile_text_stays_one_value_in_yaml_and_one_line_in_markdown_and_env()
    {
        var files = BackendCompiler.Compile(HostileSpec()).ToDictionary(f => f.Path, f => f.Content);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(files["openapi.yaml"]));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var info = (YamlMappingNode)root.Children[new YamlScalarNode("info")];
        Assert.Equal(PayloadWithBreaks, ((YamlScalarNode)info.Children[new YamlScalarNode("description")]).Value);
        Assert.Equal(["openapi", "info", "paths", "components"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        foreach (var markdown in new[] { files["README.md"], files["ARCHITECTURE.md"] })
        {
            var lines = markdown.Split('\n');
            Assert.DoesNotContain(lines, l => l.StartsWith("# Injected", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("- item", StringComparison.Ordinal));
        }
        // Table rows keep their column count: every '|' of the payload is escaped.
        var storyRow = files["ARCHITECTURE.md"].Split('\n').Single(l => l.StartsWith("| US1 ", StringComparison.Ordinal));
        Assert.Equal(6, storyRow.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));

        var envLines = files[".env.example"].Split('\n');
        Assert.All(envLines, l => Assert.True(l.Length == 0 || l.StartsWith('#') || l.Contains('='), l));
        Assert.DoesNotContain(envLines, l => l.StartsWith("| a", StringComparison.Ordinal));
    }

    internal static string Snapshot(SpecDocument doc) =>
        string.Join("\n\u0000\n", BackendCompiler.Compile(doc).Select(f => f.Path + "|" + f.Owner + "\n" + f.Content));
}
