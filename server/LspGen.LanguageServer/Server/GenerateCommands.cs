using System.Globalization;
using System.Text.Json;
using LspGen.Compiler;
using LspGen.Compiler.Write;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using LspGen.Spec;
using LspGen.Spec.Diagnostics;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// workspace/executeCommand: <c>lspgen.generate</c> (compile the spec and write the project, under the
/// writer's manifest/conflict rules) and <c>lspgen.preview</c> (the files it would write).
/// Arguments of both: the spec's URI, then optionally the output folder (a path or a file URI;
/// relative paths are resolved against the spec's folder).
/// </summary>
public sealed class GenerateCommands(JsonRpcConnection connection, SpecDocumentStore documents, Func<ServerSettings> settings)
{
    public const string Generate = "lspgen.generate";
    public const string Preview = "lspgen.preview";

    public static IReadOnlyList<string> All { get; } = [Generate, Preview];

    public async Task<JsonElement> ExecuteAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        switch (parameters.CommandName)
        {
            case Generate:
                var generated = await GenerateAsync(parameters, cancellationToken).ConfigureAwait(false);
                return JsonSerializer.SerializeToElement(generated, ServerJsonContext.Default.GenerateResult);
            case Preview:
                var preview = PreviewFiles(parameters);
                return JsonSerializer.SerializeToElement(preview, ServerJsonContext.Default.PreviewResult);
            default:
                throw new JsonRpcException(ErrorCodes.InvalidParams,
                    $"Unknown command \"{parameters.CommandName}\"; this server executes {string.Join(", ", All)}.");
        }
    }

    async Task<GenerateResult> GenerateAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        var (_, specPath, text, folderArgument) = ReadArguments(parameters);
        await using var progress = await WorkDoneProgress.BeginAsync(connection, "Generating backend", "Checking the spec",
            parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);

        var compiled = await RefuseOnErrorsAsync(text).ConfigureAwait(false);
        var folder = OutputFolder(specPath, folderArgument, compiled.ProjectName);
        cancellationToken.ThrowIfCancellationRequested();

        await progress.ReportAsync($"Writing {compiled.Files!.Count} files", 50).ConfigureAwait(false);
        WriteReport report;
        try
        {
            report = Pipeline.Write(folder, compiled.Files!, new WriteOptions());
        }
        catch (Exception exception) when (exception is OutputWriteException or IOException or UnauthorizedAccessException)
        {
            var message = $"LspGen did not generate the backend: {exception.Message}";
            await ShowAsync(MessageType.Error, message).ConfigureAwait(false);
            throw new JsonRpcException(ErrorCodes.RequestFailed, message);
        }

        var conflicts = report.ConflictsKept.Concat(report.OrphansKept).Order(StringComparer.Ordinal).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Generated {compiled.Files!.Count} files into {folder}: {report.Written.Count} written, {report.Unchanged.Count} unchanged");
        if (report.Removed.Count > 0) summary += string.Create(CultureInfo.InvariantCulture, $", {report.Removed.Count} removed");
        await progress.EndAsync(summary).ConfigureAwait(false);
        if (conflicts.Count == 0)
        {
            await ShowAsync(MessageType.Info, summary + ".").ConfigureAwait(false);
        }
        else
        {
            var kept = string.Create(CultureInfo.InvariantCulture,
                $"{summary}. Kept {conflicts.Count} file(s) you edited instead of overwriting them: {Shorten(conflicts)}.");
            await ShowAsync(MessageType.Warning, kept +
                " To take the generated version, delete or revert them and generate again (or run `lspgen generate --force`).").ConfigureAwait(false);
        }
        return new GenerateResult(folder, report.Written.Count, report.Unchanged.Count, conflicts, report.Removed);
    }

    PreviewResult PreviewFiles(ExecuteCommandParams parameters)
    {
        var (_, specPath, text, folderArgument) = ReadArguments(parameters);
        var compiled = Pipeline.Compile(text);
        if (compiled.Files is null)
            throw new JsonRpcException(ErrorCodes.RequestFailed, ErrorsMessage(compiled.Analysis));
        var folder = OutputFolder(specPath, folderArgument, compiled.ProjectName);
        return new PreviewResult(folder, [.. compiled.Files.Select(f => new PreviewFile(f.Path, f.Owner == FileOwner.User ? "user" : "generator"))]);
    }

    async Task<PipelineResult> RefuseOnErrorsAsync(string text)
    {
        var compiled = Pipeline.Compile(text);
        if (compiled.Files is not null) return compiled;
        var message = ErrorsMessage(compiled.Analysis);
        await ShowAsync(MessageType.Error, message).ConfigureAwait(false);
        throw new JsonRpcException(ErrorCodes.RequestFailed, message);
    }

    static string ErrorsMessage(SpecAnalysis analysis)
    {
        var errors = analysis.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var first = errors[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"LspGen did not generate the backend: the spec has {errors.Count} error(s); fix them first (see the Problems list). " +
            $"First: line {first.Range.Start.Line + 1}: {first.Code} {first.Message}");
    }

    (string Uri, string? Path, string Text, string? Folder) ReadArguments(ExecuteCommandParams parameters)
    {
        var arguments = parameters.Arguments ?? [];
        if (arguments.Count == 0 || arguments[0].ValueKind != JsonValueKind.String)
            throw new JsonRpcException(ErrorCodes.InvalidParams,
                $"\"{parameters.CommandName}\" needs the spec's URI as its first argument (and optionally an output folder).");
        var uri = arguments[0].GetString()!;
        string? folder = null;
        if (arguments.Count > 1)
        {
            if (arguments[1].ValueKind == JsonValueKind.String) folder = arguments[1].GetString();
            else if (arguments[1].ValueKind != JsonValueKind.Null)
                throw new JsonRpcException(ErrorCodes.InvalidParams, $"The second argument of \"{parameters.CommandName}\" must be an output folder (a path or a file URI).");
        }

        var path = LocalPath(uri);
        string text;
        if (documents.Get(uri) is { } open)
        {
            text = open.Text; // the editor's unsaved text is what the user sees, so it is what gets generated
        }
        else if (path is not null && File.Exists(path))
        {
            text = File.ReadAllText(path);
        }
        else
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams,
                $"\"{uri}\" is neither an open spec nor a spec file on disk; open the spec or pass the URI of a spec file.");
        }
        return (uri, path, text, folder);
    }

    string OutputFolder(string? specPath, string? argument, string? projectName)
    {
        var chosen = argument ?? settings().OutputDirectory;
        if (chosen is not null && chosen.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) chosen = LocalPath(chosen);
        var specFolder = specPath is null ? null : System.IO.Path.GetDirectoryName(specPath);
        if (chosen is null)
        {
            if (specFolder is null)
                throw new JsonRpcException(ErrorCodes.InvalidParams,
                    "The spec is not a file on disk (unsaved?), so there is no folder next to it: save it, or pass an output folder as the second argument.");
            return System.IO.Path.Combine(specFolder, projectName ?? "backend");
        }
        if (System.IO.Path.IsPathRooted(chosen)) return System.IO.Path.GetFullPath(chosen);
        if (specFolder is null)
            throw new JsonRpcException(ErrorCodes.InvalidParams,
                $"The output folder \"{chosen}\" is relative and the spec is not a file on disk: use an absolute folder.");
        return System.IO.Path.GetFullPath(chosen, specFolder);
    }

    /// <summary>The local path of a file URI, or null for other schemes (untitled:, …).</summary>
    public static string? LocalPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return null;
        return parsed.IsFile ? parsed.LocalPath : null;
    }

    static string Shorten(IReadOnlyList<string> paths) =>
        paths.Count <= 5 ? string.Join(", ", paths) : string.Join(", ", paths.Take(5)) + string.Create(CultureInfo.InvariantCulture, $" and {paths.Count - 5} more");

    Task ShowAsync(MessageType type, string message) =>
        connection.SendNotificationAsync("window/showMessage", new ShowMessageParams(type, message));
}
