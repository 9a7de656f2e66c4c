using System.Globalization;
using System.Text.Json;
using LspGen.Compiler;
using LspGen.Compiler.Migrate;
using LspGen.Compiler.Write;
using LspGen.LanguageServer.Protocol;
using LspGen.LanguageServer.Protocol.Lsp;
using LspGen.Spec;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Prd;

namespace LspGen.LanguageServer.Server;

/// <summary>
/// workspace/executeCommand: <c>lspgen.generate</c> (compile the spec and write the project, under the
/// writer's manifest/conflict rules), <c>lspgen.preview</c> (the files it would write) and
/// <c>lspgen.prdToSpec</c> (write the spec.yaml of a PRD next to it; never over an existing file).
/// Arguments of generate and preview: the spec's (or PRD's) URI, then optionally the output folder (a path or a file URI;
/// relative paths are resolved against the spec's folder).
/// </summary>
public sealed class GenerateCommands(JsonRpcConnection connection, SpecDocumentStore documents, Func<ServerSettings> settings)
{
    public const string Generate = "lspgen.generate";
    public const string Preview = "lspgen.preview";
    public const string PrdToSpec = "lspgen.prdToSpec";

    public static IReadOnlyList<string> All { get; } = [Generate, Preview, PrdToSpec];

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
            case PrdToSpec:
                var converted = await ConvertPrdAsync(parameters).ConfigureAwait(false);
                return JsonSerializer.SerializeToElement(converted, ServerJsonContext.Default.PrdToSpecResult);
            default:
                throw new JsonRpcException(ErrorCodes.InvalidParams,
                    $"Unknown command \"{parameters.CommandName}\"; this server executes {string.Join(", ", All)}.");
        }
    }

    async Task<GenerateResult> GenerateAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        var (specUri, specPath, text, folderArgument) = ReadArguments(parameters);
        await using var progress = await WorkDoneProgress.BeginAsync(connection, "Generating backend", "Checking the spec",
            parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);

        var (compiled, folder) = await RefuseOnErrorsAsync(specUri, specPath, text, folderArgument).ConfigureAwait(false);
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
        // The folder's schema snapshot changed: the open specs' migration diagnostics follow it.
        documents.RepublishAll();
        return new GenerateResult(folder, report.Written.Count, report.Unchanged.Count, conflicts, report.Removed);
    }

    PreviewResult PreviewFiles(ExecuteCommandParams parameters)
    {
        var (specUri, specPath, text, folderArgument) = ReadArguments(parameters);
        var (compiled, folder) = Compile(specUri, specPath, text, folderArgument);
        if (compiled.Files is null) throw new JsonRpcException(ErrorCodes.RequestFailed, RefusalMessage(compiled));
        return new PreviewResult(folder!, [.. compiled.Files.Select(f => new PreviewFile(f.Path, f.Owner switch { FileOwner.User => "user", FileOwner.History => "history", _ => "generator" }))],
            compiled.Plan is { IsInitial: false } plan ? [.. plan.Operations.Select(o => o.Summary)] : []);
    }

    /// <summary>
    /// Compiles against the output folder's migration history, as <c>lspgen generate</c> does (a PRD goes
    /// through the PRD front end into the same pipeline). The folder is known once the spec is valid (it
    /// may be named after project_name); it is null when the spec has errors.
    /// </summary>
    (PipelineResult Compiled, string? Folder) Compile(string uri, string? path, string text, string? folderArgument)
    {
        string? folder = null;
        var sourceName = SpecFiles.IsPrd(uri, null) ? path ?? uri : null;
        try
        {
            var compiled = Pipeline.Compile(text, sourceName, analysis =>
            {
                folder = OutputFolder(path, folderArgument, analysis.Document.ProjectName?.Value);
                return MigrationHistoryReader.Read(folder);
            });
            return (compiled, folder);
        }
        catch (OutputWriteException exception)
        {
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"LspGen did not generate the backend: {exception.Message}");
        }
    }

    async Task<(PipelineResult Compiled, string Folder)> RefuseOnErrorsAsync(string uri, string? path, string text, string? folderArgument)
    {
        (PipelineResult Compiled, string? Folder) result;
        try
        {
            result = Compile(uri, path, text, folderArgument);
        }
        catch (JsonRpcException exception)
        {
            await ShowAsync(MessageType.Error, exception.Message).ConfigureAwait(false);
            throw;
        }
        if (result.Compiled.Files is not null) return (result.Compiled, result.Folder!);
        var message = RefusalMessage(result.Compiled);
        await ShowAsync(MessageType.Error, message).ConfigureAwait(false);
        throw new JsonRpcException(ErrorCodes.RequestFailed, message);
    }

    /// <summary>Why a compilation gave no files: spec errors, a history that cannot be continued, or an unsafe migration.</summary>
    static string RefusalMessage(PipelineResult compiled)
    {
        if (compiled.Analysis.HasErrors) return ErrorsMessage(compiled.Analysis);
        if (compiled.HistoryError is { } history) return $"LspGen did not generate the backend: {history}.";
        var unsafeOperations = compiled.Plan?.Operations.Where(o => o.Impact == OperationImpact.Unsafe).ToList() ?? [];
        if (unsafeOperations.Count == 0) return "LspGen did not generate the backend.";
        return string.Create(CultureInfo.InvariantCulture,
            $"LspGen did not generate the backend: the next migration cannot run against existing rows ({unsafeOperations.Count} change(s); see the Problems list). First: {unsafeOperations[0].Message}");
    }

    async Task<PrdToSpecResult> ConvertPrdAsync(ExecuteCommandParams parameters)
    {
        var (prdUri, prdPath, text, _) = ReadArguments(parameters);
        if (prdPath is null)
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"\"{prdUri}\" is not a file on disk; save the PRD first, the spec is written next to it.");
        var conversion = PrdConversion.Convert(text, prdPath);
        if (conversion.Yaml is null)
        {
            var refusal = ErrorsMessage(conversion.Analysis).Replace("did not generate the backend", "did not convert the PRD", StringComparison.Ordinal);
            await ShowAsync(MessageType.Error, refusal).ConfigureAwait(false);
            throw new JsonRpcException(ErrorCodes.RequestFailed, refusal);
        }
        if (File.Exists(conversion.SpecPath))
        {
            var exists = $"LspGen did not convert the PRD: {conversion.SpecPath} already exists and was left as it is; delete or rename it to convert again.";
            await ShowAsync(MessageType.Warning, exists).ConfigureAwait(false);
            throw new JsonRpcException(ErrorCodes.RequestFailed, exists);
        }
        File.WriteAllText(conversion.SpecPath, conversion.Yaml);
        var specUri = new Uri(conversion.SpecPath).AbsoluteUri;
        await ShowAsync(MessageType.Info, $"Converted the PRD to {conversion.SpecPath}.").ConfigureAwait(false);
        return new PrdToSpecResult(specUri, conversion.SpecPath);
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

    string OutputFolder(string? specPath, string? argument, string? projectName) =>
        OutputFolderOf(specPath, argument, projectName, settings(), out var problem)
        ?? throw new JsonRpcException(ErrorCodes.InvalidParams, problem!);

    /// <summary>
    /// Where a spec's project goes: <paramref name="argument"/> (a path or a file URI), else the configured
    /// output directory, else a folder named after project_name next to the spec; relative paths are
    /// resolved against the spec's folder. Null, with the reason in <paramref name="problem"/>, when there is
    /// no such folder (an unsaved spec without an absolute folder). Does no I/O.
    /// </summary>
    public static string? OutputFolderOf(string? specPath, string? argument, string? projectName, ServerSettings settings, out string? problem)
    {
        problem = null;
        var chosen = argument ?? settings.OutputDirectory;
        if (chosen is not null && chosen.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) chosen = LocalPath(chosen);
        var specFolder = specPath is null ? null : System.IO.Path.GetDirectoryName(specPath);
        if (chosen is null)
        {
            if (specFolder is null)
                problem = "The spec is not a file on disk (unsaved?), so there is no folder next to it: save it, or pass an output folder as the second argument.";
            return specFolder is null ? null : System.IO.Path.Combine(specFolder, projectName ?? "backend");
        }
        if (System.IO.Path.IsPathRooted(chosen)) return System.IO.Path.GetFullPath(chosen);
        if (specFolder is null)
        {
            problem = $"The output folder \"{chosen}\" is relative and the spec is not a file on disk: use an absolute folder.";
            return null;
        }
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
