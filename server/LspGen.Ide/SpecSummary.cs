using System.Globalization;
using LspGen.Spec;
using LspGen.Spec.Model;
using LspGen.Spec.Validation;

namespace LspGen.Ide;

/// <summary>
/// What a spec will generate, counted from the spec as written (so it works while the spec still has
/// errors). Endpoints counted: the five REST endpoints of every entity with <c>crud</c> not false
/// (POST/GET collection, GET/PUT/DELETE item) and, when auth is enabled, /auth/register, /auth/login,
/// /auth/logout and /auth/me. The operational /health and /ready are not counted: every project has them.
/// </summary>
public sealed record SpecSummary(int Entities, int CrudEntities, int Fields, bool AuthEnabled, int CrudEndpoints, int AuthEndpoints)
{
    public const int EndpointsPerEntity = 5;
    public const int AuthEndpointCount = 4;

    public int Endpoints => CrudEndpoints + AuthEndpoints;

    public static SpecSummary Of(SpecDocument spec)
    {
        var crud = spec.Entities.Count(e => e.Crud?.Value ?? true);
        var auth = SpecValidator.IsAuthEnabled(spec);
        return new SpecSummary(spec.Entities.Count, crud, spec.Entities.Sum(e => e.Fields.Count), auth,
            crud * EndpointsPerEntity, auth ? AuthEndpointCount : 0);
    }

    /// <summary>"4 entities · 24 endpoints".</summary>
    public string Title => Plural(Entities, "entity", "entities") + " · " + Plural(Endpoints, "endpoint", "endpoints");

    internal static string Plural(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    /// <summary>
    /// The REST endpoints of an entity named <paramref name="entityName"/>, by the enrich stage's naming rule
    /// (route = plural of the snake_case name, '_' → '-'); a test keeps the two in step.
    /// </summary>
    public static IReadOnlyList<string> EndpointsOf(string entityName)
    {
        var route = "/" + Naming.Pluralize(Naming.ToSnakeCase(entityName)).Replace('_', '-');
        return [$"POST {route}", $"GET {route}", $"GET {route}/{{id}}", $"PUT {route}/{{id}}", $"DELETE {route}/{{id}}"];
    }

    /// <summary>The table of an entity: its table_name, else the plural of its snake_case name (the enrich stage's rule).</summary>
    public static string TableOf(string entityName, string? tableName) => tableName ?? Naming.Pluralize(Naming.ToSnakeCase(entityName));
}
