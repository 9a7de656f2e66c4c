using System.Diagnostics;
using System.Globalization;
using LspGen.Bench.Frontend;
using LspGen.Compiler.Enrich;
using LspGen.Compiler.Migrate;
using LspGen.Spec;

// The migration diff in process: the 1,000-entity benchmark spec against its own snapshot after 10% of
// its entities changed (every tenth entity gains a field):
//   dotnet run -c Release --project bench/migrate [-- --runs 30]
var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;

var before = BenchSpec.Text();
var lines = before.Split('\n').ToList();
var changed = 0;
for (var i = 0; i < lines.Count; i++)
{
    // Entity n starts with "  - name: X"; its field 2 follows the reference (entity > 0).
    if (!lines[i].StartsWith("  - name: ", StringComparison.Ordinal) || ++changed % 10 != 0) continue;
    var fields = lines.FindIndex(i, l => l == "    fields:");
    lines.Insert(fields + 1, "      - name: added_in_bench\n        type: text");
}
var after = string.Join('\n', lines);

ProjectModel Model(string text)
{
    var analysis = SpecAnalyzer.Analyze(text);
    if (analysis.HasErrors) throw new InvalidOperationException("bench spec has errors: " + analysis.Diagnostics[0].Message);
    return Enricher.Enrich(analysis.Document);
}

var snapshot = MigrationPlanner.Plan(null, Model(before)).Snapshot;
var model = Model(after);
var plan = MigrationPlanner.Plan(snapshot, model);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"spec: {model.Entities.Count} entities, {model.Entities.Count(e => e.Fields.Any(f => f.Name == "added_in_bench"))} changed; " +
    $"{plan.Operations.Count} operations; revision {plan.Revision!.Content.Length} characters; {runs} runs after warm-up; .NET {Environment.Version}"));

for (var w = 0; w < 20; w++) MigrationPlanner.Plan(snapshot, model);
var snapshotJson = snapshot.ToJson();
var snapshotAfter = plan.Snapshot;
var phases = new (string Name, Action Run)[]
{
    ("plan (diff + revision file + new snapshot)", () => MigrationPlanner.Plan(snapshot, model)),
    ("of which: the model's schema (DatabaseSchema.Of)", () => DatabaseSchema.Of(model)),
    ("plan with nothing changed (the same spec again)", () => MigrationPlanner.Plan(snapshotAfter, model)),
    ("of which: the revision file (RevisionWriter.Render)", () => RevisionWriter.Render("0002", "0001", plan.Operations)),
    ("of which: its file name (RevisionWriter.Slug)", () => RevisionWriter.Slug(plan.Operations)),
    ("snapshot JSON read", () => SchemaSnapshot.Parse(snapshotJson)),
    ("snapshot JSON write", () => snapshot.ToJson()),
};
Console.WriteLine();
Console.WriteLine("| phase | min | p50 | p95 | allocated per run |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, run) in phases)
{
    var times = new double[runs];
    long allocated = 0;
    for (var r = 0; r < runs; r++)
    {
        var start = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        run();
        times[r] = clock.Elapsed.TotalMilliseconds;
        allocated += GC.GetAllocatedBytesForCurrentThread() - start;
    }
    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {times[0]:F2} ms | {times[runs / 2]:F2} ms | {times[(int)(runs * 0.95)]:F2} ms | {allocated / runs / 1024.0 / 1024.0:F1} MB |"));
}
