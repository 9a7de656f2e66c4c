using System.Text.Json;
using LspGen.Drafting;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// workspace/executeCommand <c>lspgen.draftSpec</c>: an LLM drafts a spec from a description (see
/// LspGen.Drafting). Arguments: the description; optionally the URI of the file to write (never over an
/// existing file; null: nothing is written and the YAML is returned for an untitled editor); optionally
/// the endpoint {baseUrl, model, apiKeyEnv, allowedHosts, timeoutSeconds}. The endpoint comes from the
/// client's own (user-level) settings rather than from workspace configuration, so a cloned workspace
/// cannot point the server, and the key, at another host.
/// Result: {"yaml", "attempts", "uri"?, "path"?}; a failure is an error response whose message lists the diagnostics.
/// </summary>
public sealed class DraftSpecCommand(JsonRpcConnection connection)
{
    public const string Name = "lspgen.draftSpec";

    public async Task<JsonElement> ExecuteAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        var arguments = parameters.Arguments ?? [];
        if (arguments.Count == 0 || arguments[0].ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(arguments[0].GetString()))
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"\"{Name}\" needs the description of the backend as its first argument.");
        var description = arguments[0].GetString()!;
        string? targetPath = null;
        if (arguments.Count > 1 && arguments[1].ValueKind != JsonValueKind.Null)
        {
            if (arguments[1].ValueKind != JsonValueKind.String || GenerateCommands.LocalPath(arguments[1].GetString()!) is not { } local)
                throw new JsonRpcException(ErrorCodes.InvalidParams, $"The second argument of \"{Name}\" must be the file URI to write the spec to, or null.");
            targetPath = local;
            if (File.Exists(targetPath))
                throw new JsonRpcException(ErrorCodes.RequestFailed, $"LspGen did not draft the spec: {targetPath} already exists and was left as it is; choose another file.");
        }
        var options = ReadOptions(arguments.Count > 2 ? arguments[2] : default);

        DraftResult result;
        await using (var progress = await WorkDoneProgress.BeginAsync(connection, "Drafting a spec", $"Asking {options.Model} at {options.BaseUrl}",
                         parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false))
        {
            result = await SpecDrafter.DraftAsync(description, options, Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
            await progress.EndAsync(result.Succeeded ? "Drafted" : "Failed").ConfigureAwait(false);
        }
        if (result.Failure is { } failure)
        {
            var lines = failure.SchemaErrors.Select(e => "\n  schema " + e).Concat(failure.Diagnostics.Select(d => "\n  " + DraftFailure.Describe(d)));
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"LspGen did not draft the spec: {failure.Message}{string.Concat(lines)}");
        }

        if (targetPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
            using var file = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write);   // never over a file created meanwhile
            using var writer = new StreamWriter(file);
            writer.Write(result.SpecYaml);
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("yaml", result.SpecYaml);
            json.WriteNumber("attempts", result.Attempts);
            if (targetPath is not null)
            {
                json.WriteString("uri", new Uri(targetPath).AbsoluteUri);
                json.WriteString("path", targetPath);
            }
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    static DraftOptions ReadOptions(JsonElement endpoint)
    {
        var options = new DraftOptions();
        if (endpoint.ValueKind != JsonValueKind.Object) return options;
        string? Text(string key) =>
            endpoint.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;
        var hosts = endpoint.TryGetProperty("allowedHosts", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToList()
            : [];
        var seconds = endpoint.TryGetProperty("timeoutSeconds", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var s) && s is >= 1 and <= 3600 ? s : 120;
        return options with
        {
            BaseUrl = Text("baseUrl") ?? options.BaseUrl,
            Model = Text("model") ?? options.Model,
            ApiKeyEnvironmentVariable = Text("apiKeyEnv"),
            AllowedHosts = hosts,
            RequestTimeout = TimeSpan.FromSeconds(seconds),
        };
    }
}
