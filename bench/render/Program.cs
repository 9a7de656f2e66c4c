// Render benchmark: the render stage alone (`Renderer.Render` on an enriched model) at 100 and 1,000
// entities, warm (median of repeated renders in one process) and cold (the first render in a fresh
// process: JIT and template compilation included). A Stopwatch harness, not a test. It uses only
// APIs that existed before the switch to Scriban, so bench/render/run.sh can build the same harness
// at the Handlebars commit and print both side by side.
//
// Usage: dotnet run -c Release --project bench/render            (one RESULT line per size)
//        dotnet run -c Release --project bench/render -- --cold N (one cold render, prints milliseconds)
//        dotnet run -c Release --project bench/render -- --loop N K (K warm renders, for a profiler)

using System.Diagnostics;
using System.Globalization;
using LspGen.Bench.Compile;
using LspGen.Compiler.Enrich;
using LspGen.Compiler.Render;
using LspGen.Spec;

if (args is ["--cold", var size])
{
    var model = Model(int.Parse(size, CultureInfo.InvariantCulture));
    var sw = Stopwatch.StartNew();
    Renderer.Render(model);
    Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
    return 0;
}

if (args is ["--loop", var loopSize, var count])
{
    var model = Model(int.Parse(loopSize, CultureInfo.InvariantCulture));
    for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++) Renderer.Render(model);
    return 0;
}

var self = Environment.ProcessPath!;
var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? [typeof(Program).Assembly.Location] : Array.Empty<string>();
foreach (var (entities, warmup, runs) in new[] { (100, 10, 50), (1000, 2, 7) })
{
    var model = Model(entities);
    var files = Renderer.Render(model);
    for (var i = 0; i < warmup; i++) Renderer.Render(model);
    GC.Collect();
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        Renderer.Render(model);
        times[i] = sw.Elapsed.TotalMilliseconds;
    }
    var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)runs / 1048576;
    Array.Sort(times);
    var cold = Enumerable.Range(0, 3).Select(_ => ColdRender(entities)).Order().ElementAt(1); // median of 3 fresh processes
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT entities={entities} files={files.Count} chars={files.Sum(f => f.Content.Length)} warm_median_ms={times[runs / 2]:F2} warm_min_ms={times[0]:F2} cold_ms={cold:F1} alloc_mb={allocatedMb:F1}"));
}
return 0;

double ColdRender(int entities)
{
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    foreach (var a in selfArgs) start.ArgumentList.Add(a);
    start.ArgumentList.Add("--cold");
    start.ArgumentList.Add(entities.ToString(CultureInfo.InvariantCulture));
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return double.Parse(output, CultureInfo.InvariantCulture);
}

static ProjectModel Model(int entities)
{
    var analysis = SpecAnalyzer.Analyze(BenchSpec.Text(entities));
    if (analysis.HasErrors) throw new InvalidOperationException("the benchmark spec has errors");
    return Enricher.Enrich(analysis.Document);
}
