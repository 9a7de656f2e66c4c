using System.Diagnostics;
using System.Globalization;
using LspGen.Bench.Frontend;
using LspGen.Spec;
using LspGen.Spec.Incremental;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;
using LspGen.Spec.Validation;
using YamlDotNet.Core;

// The front end on the language server benchmark's document, phase by phase, in process:
//   dotnet run -c Release --project bench/frontend [-- --runs 30] [-- --dump spec.yaml]
// "YamlDotNet events only" is the floor under Parse: YamlDotNet's scanner + parser with nothing built.
var runs = 30;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--dump")
    {
        File.WriteAllText(args[++i], BenchSpec.Text());
        return;
    }
}

var text = BenchSpec.Text();
var lineCount = text.Count(c => c == '\n');
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"spec: 1,000 entities x 10 fields, {lineCount} lines, {text.Length} characters; {runs} runs after warm-up; .NET {Environment.Version}"));

// The language server benchmark's edit (a field type toggled between "string" and "strinx" in the middle
// of the document) and a field line inserted there (every line below moves), each applied to the result
// of the previous one, as the server does, so the next edit's block table is part of the cost.
var typeAt = text.IndexOf("        type: string\n", text.Length / 2, StringComparison.Ordinal) + "        type: strin".Length;
var toggled = IncrementalAnalyzer.Analyze(text);
var edits = 0;
AnalyzedSpec Toggle()
{
    var result = IncrementalAnalyzer.Reanalyze(toggled, new TextChange(typeAt, typeAt + 1, edits++ % 2 == 0 ? "x" : "g"));
    if (result.Path != AnalysisPath.Incremental) throw new InvalidOperationException("the benchmark edit took the full path");
    return toggled = result;
}
var lineAt = text.IndexOf("      - name: field_2\n", text.Length / 2, StringComparison.Ordinal);
var inserted = IncrementalAnalyzer.Analyze(text);
var insertions = 0;
AnalyzedSpec InsertOrRemoveLine()
{
    const string line = "        nullable: true\n";
    var insert = insertions++ % 2 == 0;
    var change = insert ? new TextChange(lineAt, lineAt, line) : new TextChange(lineAt, lineAt + line.Length, "");
    var result = IncrementalAnalyzer.Reanalyze(inserted, change);
    if (result.Path != AnalysisPath.Incremental) throw new InvalidOperationException("the line edit took the full path");
    return inserted = result;
}

var phases = new (string Name, Func<object?> Run)[]
{
    ("YamlDotNet events only", () => YamlEventsOnly(text)),
    ("Parse (SpecAnalyzer.Parse)", () => SpecAnalyzer.Parse(text)),
    ("Load (SpecLoader.Load)", () => SpecLoader.Load(Parsed.Tree)),
    ("Validate (SpecValidator.Validate)", () => SpecValidator.Validate(Parsed.Document)),
    ("Analyze(tree): load + validate + sort", () => SpecAnalyzer.Analyze(Parsed.Tree)),
    ("total: SpecAnalyzer.Analyze(text)", () => SpecAnalyzer.Analyze(text)),
    ("Reanalyze: one character in one entity", Toggle),
    ("Reanalyze: a line inserted/removed in one entity", InsertOrRemoveLine),
};

Parsed.Tree = SpecAnalyzer.Parse(text);
Parsed.Document = SpecLoader.Load(Parsed.Tree).Document;
var analysis = SpecAnalyzer.Analyze(text);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"diagnostics: {analysis.Diagnostics.Count}, entities: {analysis.Document.Entities.Count}"));

// Warm-up: every phase runs until the JIT has tiered up (tiered PGO needs a few dozen calls).
for (var w = 0; w < 40; w++)
    foreach (var (_, run) in phases) run();

Console.WriteLine();
Console.WriteLine("| phase | min | p50 | p95 | allocated per run | GCs per run (gen0/1/2) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, run) in phases)
{
    var times = new double[runs];
    long allocated = 0;
    var gcBefore = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
    for (var r = 0; r < runs; r++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(run());
        times[r] = clock.Elapsed.TotalMilliseconds;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }
    Array.Sort(times);
    var gcs = string.Join('/', Enumerable.Range(0, 3).Select(g => ((GC.CollectionCount(g) - gcBefore[g]) / (double)runs).ToString("F1", CultureInfo.InvariantCulture)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {times[0]:F2} ms | {Percentile(times, 50):F2} ms | {Percentile(times, 95):F2} ms | {allocated / runs / 1048576.0:F1} MB | {gcs} |"));
}

static double Percentile(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

static object? YamlEventsOnly(string text)
{
    var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
    var events = 0;
    while (parser.MoveNext()) events++;
    return events;
}

internal static class Parsed
{
    public static SyntaxTree Tree { get; set; } = null!;
    public static SpecDocument Document { get; set; } = null!;
}
