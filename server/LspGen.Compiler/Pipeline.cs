using LspGen.Compiler.Enrich;
using LspGen.Compiler.Migrate;
using LspGen.Compiler.Render;
using LspGen.Compiler.Write;
using LspGen.Spec;

namespace LspGen.Compiler;

/// <summary>
/// What compiling one spec text produced: the analysis (always), the migration plan (when the spec has
/// no errors) and the files (only when the spec has no errors and the plan can run).
/// </summary>
public sealed record PipelineResult(SpecAnalysis Analysis, IReadOnlyList<GeneratedFile>? Files)
{
    /// <summary>The spec's project_name, which names the default output folder and the zip's top folder.</summary>
    public string? ProjectName => Analysis.Document.ProjectName?.Value;

    /// <summary>The next revision against the output folder's history, or null when the spec has errors or <see cref="HistoryError"/> is set.</summary>
    public MigrationPlan? Plan { get; init; }

    /// <summary>Why the history cannot be continued (a legacy project whose spec changed), or null.</summary>
    public string? HistoryError { get; init; }
}

/// <summary>
/// The whole compiler on one screen. Each stage lives in its own folder and is a pure function of the
/// previous stage's output, except the last one, which is the only place that touches the disk:
/// <code>
///   text ──parse, validate──▶ SpecAnalysis (SpecDocument + Diagnostics)   LspGen.Spec
///        ──enrich──────────▶ ProjectModel (names and defaults, once)        LspGen.Compiler/Enrich
///        ──render──────────▶ GeneratedFile[] (templates/fastapi)            LspGen.Compiler/Render
///        ──migrate─────────▶ + next revision and schema snapshot            LspGen.Compiler/Migrate
///        ──write───────────▶ output folder + .lspgen-manifest.json, or zip  LspGen.Compiler/Write
/// </code>
/// </summary>
public static class Pipeline
{
    /// <summary>Parse, validate, enrich and render. Never throws on any spec text; does no I/O.</summary>
    public static PipelineResult Compile(string specText) => Compile(specText, path: null);

    /// <summary>As <see cref="Compile(string)"/>, with the front end chosen by the file name: PRD markdown for <c>*.md</c> (see <see cref="SpecSources"/>).</summary>
    public static PipelineResult Compile(string text, string? path) => Compile(text, path, MigrationHistory.Fresh);

    /// <summary>As <see cref="Compile(string, string?)"/>, continuing the migration history that the output folder holds.</summary>
    public static PipelineResult Compile(string text, string? path, MigrationHistory history) => Compile(text, path, _ => history);

    /// <summary>
    /// As above, with the history read once the spec is known to be valid (the output folder may depend on
    /// its project_name); <paramref name="readHistory"/> is the caller's I/O and may throw.
    /// </summary>
    public static PipelineResult Compile(string text, string? path, Func<SpecAnalysis, MigrationHistory> readHistory) =>
        Compile(SpecSources.Analyze(text, path), readHistory);        // parse + validate: every problem is a diagnostic

    /// <summary>The stages after the front end, for an analysis the caller made (the language server's PRD documents).</summary>
    public static PipelineResult Compile(SpecAnalysis analysis, Func<SpecAnalysis, MigrationHistory> readHistory)
    {
        if (analysis.HasErrors) return new PipelineResult(analysis, null);
        var history = readHistory(analysis);
        var model = Enricher.Enrich(analysis.Document);              // defaults and names, once
        var files = Renderer.Render(model);                          // templates: pure, deterministic
        var previous = history switch                                // migrate: the next revision
        {
            MigrationHistory.Recorded r => r.Snapshot,
            MigrationHistory.Legacy l => MigrationHistory.LegacyBaseline(model, l.InitialRevisionText),
            _ => null,
        };
        if (history is MigrationHistory.Legacy && previous is null)
            return new PipelineResult(analysis, null) { HistoryError = LegacyChanged };
        var plan = MigrationPlanner.Plan(previous, model);
        if (plan.HasUnsafe) return new PipelineResult(analysis, null) { Plan = plan };
        return new PipelineResult(analysis, WithHistory(files, plan)) { Plan = plan };
    }

    // The initial revision comes from the templates; later ones from the planner. Earlier revisions are
    // never rendered again (the writer keeps them), and the snapshot records where the history stands.
    private static List<GeneratedFile> WithHistory(IReadOnlyList<GeneratedFile> files, MigrationPlan plan)
    {
        var result = plan.IsInitial ? files.ToList() : files.Where(f => f.Path != MigrationHistory.InitialRevisionPath).ToList();
        if (plan.Revision is { } revision) result.Add(revision);
        result.Add(new GeneratedFile(SchemaSnapshot.FileName, plan.Snapshot.ToJson(), FileOwner.Generator));
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private const string LegacyChanged =
        "this project was generated by an LspGen without schema snapshots, and the spec changed since: LspGen cannot tell what " +
        "its database holds. Generate once with the spec as it was at the last generation (e.g. from version control) to record " +
        "the baseline, then generate again with your change";

    /// <summary>Write the files into <paramref name="outputFolder"/> under the manifest/conflict rules of <see cref="OutputWriter"/>.</summary>
    public static WriteReport Write(string outputFolder, IReadOnlyList<GeneratedFile> files, WriteOptions options) =>
        OutputWriter.Write(outputFolder, files, options);

    /// <summary>Pack the files into a deterministic zip under a folder named after the project.</summary>
    public static void Zip(Stream output, string projectName, IReadOnlyList<GeneratedFile> files) =>
        ZipWriter.Write(output, projectName, files);
}
