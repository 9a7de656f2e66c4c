using System.Text;
using LspGen.Spec.Diagnostics;

namespace LspGen.Drafting;

/// <summary>The conversation sent to the model: the full JSON Schema, the rules the schema cannot say, and feedback.</summary>
public static class DraftPrompt
{
    public static string System =>
        "You write backend specs for LspGen, a compiler that turns a spec into a FastAPI + PostgreSQL project.\n" +
        "Return ONLY one JSON object: no prose, no explanation, no Markdown fence. The object must be valid against this JSON Schema (draft 2020-12):\n" +
        SpecSchema.Text + "\n" +
        "Rules the schema cannot express:\n" +
        "- spec_version is the string \"1.0\"; project_name is snake_case.\n" +
        "- Entity names are PascalCase and singular (Project, OrderItem); field names are snake_case.\n" +
        "- Every entity has exactly one primary key: a field named id of type uuid with primary_key true.\n" +
        "- A reference is a uuid field named <entity>_id with references set to that entity's name, which must be declared.\n" +
        "- Do not declare the fields created_at, updated_at or user_id, nor an entity named User while auth is enabled: the compiler adds them.\n" +
        "- Use only the field types the schema lists; omit optional keys you have no reason to set.";

    public static ChatMessage User(string description) =>
        new("user", "Write the spec for this backend:\n\n" + description.Trim());

    /// <summary>Feedback after an answer that is not JSON at all.</summary>
    public static ChatMessage NotJson(string problem) =>
        new("user", $"That answer cannot be used: {problem}. Return the spec again as ONLY one JSON object, nothing else.");

    /// <summary>
    /// Feedback after an answer that is JSON but not a valid spec: the JSON Schema's errors by JSON pointer
    /// (checked first), then the diagnostics of our own validator by line in the formatted JSON.
    /// </summary>
    public static ChatMessage Invalid(string specJson, IReadOnlyList<SchemaError> schemaErrors, IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder("That spec is not valid. Formatted, it reads:\n```json\n").Append(specJson).Append("```\n");
        if (schemaErrors.Count > 0)
        {
            text.Append("The JSON Schema check reports (JSON pointer of the value: error):\n");
            foreach (var e in schemaErrors) text.Append("- ").Append(e).Append('\n');
        }
        if (diagnostics.Count > 0)
        {
            text.Append("and the LspGen validator reports:\n");
            foreach (var d in diagnostics) text.Append("- ").Append(DraftFailure.Describe(d)).Append('\n');
        }
        text.Append("Fix every error and return the whole corrected spec as ONLY one JSON object.");
        return new("user", text.ToString());
    }
}
