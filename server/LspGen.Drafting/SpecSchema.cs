using System.Text.Json;
using Json.Schema;

namespace LspGen.Drafting;

/// <summary>One failed schema keyword: where in the instance (a JSON pointer, "" for the root) and what the schema wanted.</summary>
public sealed record SchemaError(string InstanceLocation, string Keyword, string Message)
{
    /// <summary>"/entities/0/fields/1/type: Value should match one of the values specified by the enum" (the root is "/").</summary>
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "/" : InstanceLocation)}: {Message}";
}

/// <summary>
/// schemas/spec.schema.json, embedded at build time, and its check (JsonSchema.Net). The drafter runs it on a
/// model's JSON before our validator, because its errors name the JSON pointer the model wrote. The language
/// server never uses it: the C# validator is the authority and the only per-edit check.
/// </summary>
public static class SpecSchema
{
    /// <summary>The schema text, as it goes into the prompt.</summary>
    public static string Text { get; } = ReadEmbedded();

    // Built once, against a registry of its own so that nothing is shared through JsonSchema.Net's global one.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(Text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>The errors of <paramref name="instance"/> against the schema, by JSON pointer; empty when it is valid.</summary>
    public static IReadOnlyList<SchemaError> Check(JsonElement instance)
    {
        var results = Schema.Value.Evaluate(instance, Options);
        if (results.IsValid) return [];
        var errors = new List<SchemaError>();
        Collect(results, errors);
        // Pointer order keeps one field's errors together; the sort is stable, so each keeps the schema's order.
        return [.. errors.OrderBy(e => e.InstanceLocation, StringComparer.Ordinal)];
    }

    // Only failures that make their parent fail: a failed `if` only picks `else`, and a failed `not` subschema is
    // the `not` passing, so the model is never told about those. The depth is the instance's (at most 32, see
    // DraftAnswer) times the schema's, so the recursion is bounded.
    private static void Collect(EvaluationResults node, List<SchemaError> errors)
    {
        if (node.IsValid) return;
        var path = node.EvaluationPath.ToString();
        if (path.EndsWith("/if", StringComparison.Ordinal) || path.EndsWith("/not", StringComparison.Ordinal)) return;
        if (node.Errors is { } messages)
        {
            var location = node.InstanceLocation.ToString();
            foreach (var (keyword, message) in messages)
            {
                var error = new SchemaError(location, keyword, message);
                if (!errors.Contains(error)) errors.Add(error);
            }
        }
        foreach (var child in node.Details ?? []) Collect(child, errors);
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream("LspGen.Drafting.spec.schema.json")
            ?? throw new InvalidOperationException("the JSON Schema is not embedded in LspGen.Drafting (build error)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
