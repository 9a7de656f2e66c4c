using LspGen.Spec;

namespace LspGen.Drafting;

/// <summary>
/// Description → spec: ask the model, read the JSON, check it against the JSON Schema and then our own validator,
/// write it as spec.yaml, and feed the schema errors and diagnostics back until the spec is valid or the attempts
/// are used up. Nothing is written here; the caller writes <see cref="DraftResult.SpecYaml"/> only when the draft succeeded.
/// </summary>
public static class SpecDrafter
{
    public const int MaxDescriptionLength = 20_000;

    /// <param name="readEnvironment">Reads the API key's variable; the CLI passes Environment.GetEnvironmentVariable.</param>
    public static async Task<DraftResult> DraftAsync(string description, DraftOptions options,
        Func<string, string?> readEnvironment, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(description))
            return Failed(DraftFailureKind.NotConfigured, "the description is empty: describe the backend in a sentence or more", 0);
        if (description.Length > MaxDescriptionLength)
            return Failed(DraftFailureKind.NotConfigured, $"the description is longer than {MaxDescriptionLength} characters; shorten it", 0);

        string? key = null;
        if (options.ApiKeyEnvironmentVariable is { Length: > 0 } variable)
        {
            key = readEnvironment(variable);
            if (string.IsNullOrEmpty(key))
                return Failed(DraftFailureKind.NotConfigured, $"the environment variable {variable} (named by --api-key-env) is not set or empty", 0);
        }

        ChatClient client;
        try
        {
            client = new ChatClient(options, key);
        }
        catch (ChatException e)
        {
            return Failed(e.Kind, e.Message, 0);
        }
        using (client)
        {
            List<ChatMessage> conversation = [new("system", DraftPrompt.System), DraftPrompt.User(description)];
            DraftFailure? last = null;
            var attempts = Math.Max(1, options.MaxAttempts);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                string answer;
                try
                {
                    answer = await client.CompleteAsync(conversation, cancellationToken);
                }
                catch (ChatException e)
                {
                    return Failed(e.Kind, e.Message, attempt);
                }
                conversation.Add(new("assistant", answer));

                using var json = DraftAnswer.TryParse(answer, out var problem);
                if (json is null)
                {
                    last = new DraftFailure(DraftFailureKind.InvalidAnswer,
                        client.Redact($"the model gave no usable JSON spec in {attempt} answer{(attempt == 1 ? "" : "s")}; last: {problem}. Try a more capable model (--model) or a clearer description."),
                        [], null);
                    conversation.Add(DraftPrompt.NotJson(problem));
                    continue;
                }

                // The schema first: its errors point at the JSON the model wrote. A schema-invalid answer is never
                // accepted, even where our validator would read it leniently (a boolean project_name).
                var schemaErrors = SpecSchema.Check(json.RootElement);
                var specJson = DraftedSpec.ToJson(json.RootElement);
                var analysis = SpecAnalyzer.Analyze(specJson);
                if (schemaErrors.Count == 0 && !analysis.HasErrors)
                {
                    var yaml = DraftedSpec.ToYaml(analysis);
                    // The writer promises a lossless round trip; if it ever broke, the YAML must not be handed out.
                    var reread = SpecAnalyzer.Analyze(yaml);
                    if (!reread.HasErrors) return new DraftResult(yaml, null, attempt);
                    analysis = reread;
                }

                var errors = analysis.Diagnostics.Where(d => d.Severity == Spec.Diagnostics.Severity.Error).ToList();
                var count = errors.Count + schemaErrors.Count;
                last = new DraftFailure(DraftFailureKind.InvalidSpec,
                    $"the drafted spec still has {count} error{(count == 1 ? "" : "s")} after {attempt} answer{(attempt == 1 ? "" : "s")}; nothing was written",
                    errors, specJson) { SchemaErrors = schemaErrors };
                conversation.Add(DraftPrompt.Invalid(specJson, schemaErrors, errors));
            }
            return new DraftResult(null, last, attempts);
        }
    }

    private static DraftResult Failed(DraftFailureKind kind, string message, int attempts) =>
        new(null, new DraftFailure(kind, message, [], null), attempts);
}
