using System.Reflection;
using LspGen.Compiler.Enrich;
using Scriban;
using Scriban.Runtime;

namespace LspGen.Compiler.Render;

/// <summary>
/// The render stage: runs every embedded template of templates/fastapi against the enriched model.
/// A template whose path contains "{entity}" is rendered once per entity with crud, the placeholder
/// replaced by the entity's module name. Templates are Scriban; each sees the globals "project" and,
/// per entity, "entity" (see <see cref="TemplateData"/>) and the escaping functions. Pure and deterministic.
/// </summary>
public static class Renderer
{
    private const string ResourcePrefix = "templates/fastapi/";
    private const string EntityPlaceholder = "{entity}";
    private const string TemplateSuffix = ".sbn";

    // Compiled is null for a file copied verbatim.
    private sealed record Template(string OutputPath, Scriban.Template? Compiled, string Source);

    // Parsing templates is the slow part; the parsed templates are immutable and reused.
    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(LoadTemplates);

    public static IReadOnlyList<GeneratedFile> Render(ProjectModel project)
    {
        // The data tree and the context are built once per render and shared by every template.
        var data = TemplateData.Of(project);
        var context = new RenderContext();
        var files = new List<GeneratedFile>();
        foreach (var template in Templates.Value)
        {
            if (template.OutputPath.Contains(EntityPlaceholder, StringComparison.Ordinal))
            {
                foreach (var entity in project.CrudEntities)
                {
                    var path = template.OutputPath.Replace(EntityPlaceholder, entity.Module, StringComparison.Ordinal);
                    files.Add(new GeneratedFile(path, Normalise(Run(template, context, data.Project, data.Entity(entity))), OwnerOf(path)));
                }
            }
            else
            {
                files.Add(new GeneratedFile(template.OutputPath, Normalise(Run(template, context, data.Project, null)), OwnerOf(template.OutputPath)));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static string Run(Template template, RenderContext context, ScriptObject project, ScriptObject? entity)
    {
        if (template.Compiled is null) return template.Source;
        var globals = new ScriptObject(2) { { "project", project } };
        if (entity is not null) globals.Add("entity", entity);
        context.PushGlobal(globals);
        try
        {
            return template.Compiled.Render(context);
        }
        finally
        {
            context.PopGlobal();
        }
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
                var compiled = Scriban.Template.Parse(source, name);
                if (compiled.HasErrors)
                    throw new InvalidOperationException($"Template {name} does not compile: {string.Join("; ", compiled.Messages)}");
                templates.Add(new Template(relative[..^TemplateSuffix.Length], compiled, source));
            }
            else
                templates.Add(new Template(relative, null, source)); // copied verbatim (e.g. Mako templates)
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
}
