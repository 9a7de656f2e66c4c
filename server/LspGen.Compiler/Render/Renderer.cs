using System.Globalization;
using System.Reflection;
using HandlebarsDotNet;
using LspGen.Compiler.Enrich;

namespace LspGen.Compiler.Render;

/// <summary>What one template sees: the whole project, and the entity when the template is per entity.</summary>
public sealed record RenderContext(ProjectModel Project, EntityModel? Entity);

/// <summary>
/// The render stage: runs every embedded template of templates/fastapi against the enriched model.
/// A template whose path contains "{entity}" is rendered once per entity with crud, the placeholder
/// replaced by the entity's module name. Pure and deterministic.
/// </summary>
public static class Renderer
{
    private const string ResourcePrefix = "templates/fastapi/";
    private const string EntityPlaceholder = "{entity}";
    private const string TemplateSuffix = ".hbs";

    private sealed record Template(string OutputPath, Func<object, string> Run);

    // Compiling templates is the slow part; the compiled delegates are immutable and reused.
    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(LoadTemplates);

    public static IReadOnlyList<GeneratedFile> Render(ProjectModel project)
    {
        var files = new List<GeneratedFile>();
        foreach (var template in Templates.Value)
        {
            if (template.OutputPath.Contains(EntityPlaceholder, StringComparison.Ordinal))
            {
                foreach (var entity in project.CrudEntities)
                {
                    var path = template.OutputPath.Replace(EntityPlaceholder, entity.Module, StringComparison.Ordinal);
                    files.Add(new GeneratedFile(path, Normalise(template.Run(new RenderContext(project, entity))), OwnerOf(path)));
                }
            }
            else
            {
                files.Add(new GeneratedFile(template.OutputPath, Normalise(template.Run(new RenderContext(project, null))), OwnerOf(template.OutputPath)));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>Output paths of the embedded templates (with the "{entity}" placeholder), sorted.</summary>
    public static IReadOnlyList<string> TemplatePaths => Templates.Value.Select(t => t.OutputPath).ToList();

    // Hook modules are the user's after the first generation; the routers call into them.
    // Revisions are history: written once, never rewritten.
    private static FileOwner OwnerOf(string path) =>
        path.StartsWith("app/hooks/", StringComparison.Ordinal) && !path.EndsWith("/__init__.py", StringComparison.Ordinal) ? FileOwner.User
        : path.StartsWith("alembic/versions/", StringComparison.Ordinal) ? FileOwner.History
        : FileOwner.Generator;

    private static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private static IReadOnlyList<Template> LoadTemplates()
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = true, // templates write code, not HTML; user text goes through the helpers below
            FormatProvider = CultureInfo.InvariantCulture,
        });
        RegisterHelpers(handlebars);

        var assembly = typeof(Renderer).Assembly;
        var templates = new List<Template>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // %(RecursiveDir) keeps the build machine's separator; resource names must not depend on it.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            var relative = name[ResourcePrefix.Length..];
            var source = ReadResource(assembly, resource);
            if (relative.EndsWith(TemplateSuffix, StringComparison.Ordinal))
                {
                HandlebarsTemplate<object, object> compiled;
                try
                {
                    compiled = handlebars.Compile(source);
                }
                catch (HandlebarsException e)
                {
                    throw new InvalidOperationException($"Template {name} does not compile: {e.Message}", e);
                }
                templates.Add(new Template(relative[..^TemplateSuffix.Length], context => compiled(context)));
            }
            else
                templates.Add(new Template(relative, _ => source)); // copied verbatim (e.g. Mako templates)
        }
        if (templates.Count == 0)
            throw new InvalidOperationException("No templates are embedded in LspGen.Compiler (expected resources under templates/fastapi/).");
        templates.Sort((a, b) => string.CompareOrdinal(a.OutputPath, b.OutputPath));
        return templates;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void RegisterHelpers(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("py_str", (_, args) => Escape.PyStr(TextOf(args, "py_str")));
        handlebars.RegisterHelper("yaml_str", (_, args) => Escape.YamlStr(TextOf(args, "yaml_str")));
        handlebars.RegisterHelper("md_text", (_, args) => Escape.MdText(TextOf(args, "md_text")));
        handlebars.RegisterHelper("comment", (_, args) => Escape.Comment(TextOf(args, "comment")));
        handlebars.RegisterHelper("py_default", (_, args) => PythonDefault(DefaultOf(args, "py_default")));
        handlebars.RegisterHelper("yaml_default", (_, args) => YamlDefault(DefaultOf(args, "yaml_default")));
        handlebars.RegisterHelper("eq", (_, args) =>
            args.Length == 2 && string.Equals(args[0]?.ToString(), args[1]?.ToString(), StringComparison.Ordinal));
    }

    private static string TextOf(Arguments args, string helper) => args.Length == 1 ? args[0] switch
    {
        UserText t => t.Value,
        string s => s,
        _ => throw new InvalidOperationException($"{helper}: expected text, got {args[0]?.GetType().Name ?? "null"}"),
    } : throw new InvalidOperationException($"{helper} takes one argument");

    private static DefaultValue DefaultOf(Arguments args, string helper) =>
        args.Length == 1 && args[0] is DefaultValue d ? d
            : throw new InvalidOperationException($"{helper} takes one DefaultValue argument");

    // Numbers and booleans were parsed and re-printed in invariant form by the enricher, so they are
    // literals already; text-like values only ever appear inside an escaped string literal.
    private static string PythonDefault(DefaultValue d) => d.Type switch
    {
        "integer" or "float" => d.Text.Value,
        "boolean" => d.Text.Value == "true" ? "True" : "False",
        "datetime" => "datetime.datetime.fromisoformat(" + Escape.PyStr(d.Text.Value) + ")",
        "uuid" => "uuid.UUID(" + Escape.PyStr(d.Text.Value) + ")",
        _ => Escape.PyStr(d.Text.Value),
    };

    private static string YamlDefault(DefaultValue d) => d.Type switch
    {
        "integer" or "float" or "boolean" => d.Text.Value,
        _ => Escape.YamlStr(d.Text.Value),
    };
}
