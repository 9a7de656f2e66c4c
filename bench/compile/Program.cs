// Compile benchmark: a 100-entity × 10-field spec through the whole pipeline (parse, validate, enrich,
// render) in process, and `lspgen generate` end to end as a process. A Stopwatch harness, not a test.
//
// Usage: dotnet run -c Release --project bench/compile -- [--cli PATH_TO_LSPGEN] [--aot PATH_TO_NATIVE_LSPGEN] [--write-docs docs/performance.md]
//        dotnet run -c Release --project bench/compile -- --write-spec PATH   (only writes the benchmark spec)
// (bench/compile/run.sh publishes lspgen ReadyToRun and native AOT and runs this with every option;
// with both --cli and --aot, the two binaries are measured side by side, whole process, in this run.)

using System.Diagnostics;
using System.Globalization;
using LspGen.Bench.Compile;
using LspGen.Compiler;
using LspGen.Compiler.Write;
using LspGen.Spec;

string? cli = null, aot = null, docs = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cli") cli = args[++i];
    else if (args[i] == "--aot") aot = args[++i];
    else if (args[i] == "--write-docs") docs = args[++i];
    else if (args[i] == "--write-spec") { File.WriteAllText(args[++i], BenchSpec.Text(100)); return 0; }
    else { Console.Error.WriteLine($"unknown argument {args[i]}"); return 2; }
}

var spec = BenchSpec.Text(100);
// First calls in this process: what a fresh `lspgen` pays on every run (JIT, template compilation).
var cold = Stopwatch.StartNew();
var coldAnalysis = SpecAnalyzer.Analyze(spec);
var coldAnalyze = cold.Elapsed.TotalMilliseconds;
cold.Restart();
if (!coldAnalysis.HasErrors) BackendCompiler.Compile(coldAnalysis.Document);
var coldCompile = cold.Elapsed.TotalMilliseconds;
var check = Pipeline.Compile(spec);
if (check.Files is null)
{
    foreach (var d in check.Analysis.Diagnostics) Console.Error.WriteLine($"{d.Range.Start}: {d.Code}: {d.Message}");
    Console.Error.WriteLine("the benchmark spec has errors");
    return 1;
}
var rows = new List<string>();
void Report(string what, Measurement m)
{
    var row = string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {m.Median:F2} ms | {m.P95:F2} ms | {m.Min:F2} ms | {m.Runs} | {(m.AllocatedBytes is { } b ? $"{b / 1048576.0:F1} MB" : "n/a")} |");
    rows.Add(row);
    Console.WriteLine(row);
}

Console.WriteLine($"spec: 100 entities x 10 fields, {spec.Length} chars; {check.Files.Count} files, {check.Files.Sum(f => f.Content.Length)} chars generated");
Console.WriteLine("| stage | median | p95 | min | runs | allocated per run |");
Console.WriteLine("|---|---|---|---|---|---|");
Report("first parse + validate in a fresh process (cold)", new Measurement(coldAnalyze, coldAnalyze, coldAnalyze, 1, null));
Report("first enrich + render in a fresh process (cold: JIT, template compilation)", new Measurement(coldCompile, coldCompile, coldCompile, 1, null));
Report("parse + validate (`SpecAnalyzer.Analyze`)", Measure.InProcess(() => SpecAnalyzer.Analyze(spec), 30, 200));
var analysis = SpecAnalyzer.Analyze(spec);
Report("enrich + render (`BackendCompiler.Compile`)", Measure.InProcess(() => BackendCompiler.Compile(analysis.Document), 30, 200));
Report("**whole compile in process (`Pipeline.Compile`)**", Measure.InProcess(() => Pipeline.Compile(spec), 30, 200));

// The writer: a first generation into an empty folder, and a regeneration where nothing changed.
var writeRoot = Directory.CreateTempSubdirectory("lspgen-bench-write-").FullName;
try
{
    var n = 0;
    Report("write, first generation (`OutputWriter.Write`, empty folder)",
        Measure.InProcess(() => OutputWriter.Write(Path.Combine(writeRoot, $"first{n++}"), check.Files, new WriteOptions()), 3, 30));
    var again = Path.Combine(writeRoot, "again");
    OutputWriter.Write(again, check.Files, new WriteOptions());
    Report("write, regeneration with nothing changed", Measure.InProcess(() => OutputWriter.Write(again, check.Files, new WriteOptions()), 3, 30));
    Report("zip (`ZipWriter.Write` to memory)", Measure.InProcess(() => ZipWriter.Write(Stream.Null, "bench", check.Files), 3, 30));
}
finally
{
    Directory.Delete(writeRoot, recursive: true);
}

// Memory must grow linearly with the spec: allocations per entity at several sizes.
var scaling = new List<string>();
foreach (var n in new[] { 25, 50, 100, 200 })
{
    var text = BenchSpec.Text(n);
    var m = Measure.InProcess(() => Pipeline.Compile(text), 5, 20);
    var output = Pipeline.Compile(text).Files!.Sum(f => (long)f.Content.Length);
    var analyzeBytes = Measure.InProcess(() => SpecAnalyzer.Analyze(text), 2, 5).AllocatedBytes!.Value;
    var doc = SpecAnalyzer.Analyze(text).Document;
    var compileBytes = Measure.InProcess(() => BackendCompiler.Compile(doc), 2, 5).AllocatedBytes!.Value;
    var line = string.Create(CultureInfo.InvariantCulture,
        $"| {n} | {m.Median:F2} ms | {m.AllocatedBytes!.Value / 1048576.0:F1} MB | {m.AllocatedBytes.Value / n / 1024.0:F0} KB " +
        $"| {analyzeBytes / n / 1024.0:F0} KB | {compileBytes / n / 1024.0:F0} KB | {output / 1024.0 / n:F1} KB |");
    scaling.Add(line);
    Console.WriteLine(line);
}

string? cliRow = null;
if (cli is not null)
{
    var folder = Directory.CreateTempSubdirectory("lspgen-bench-").FullName;
    try
    {
        var specPath = Path.Combine(folder, "spec.yaml");
        File.WriteAllText(specPath, spec);
        var run = 0;
        void Lspgen(params string[] arguments)
        {
            var start = new ProcessStartInfo(cli, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(start)!;
            var drain = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var err = p.StandardError.ReadToEnd();
            drain.Wait();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"lspgen exited with {p.ExitCode}: {err}");
        }
        // The breakdown: start-up + parse/validate; + enrich/render/zip without touching the disk; + writing 324 files.
        Report("`lspgen --version` (process start-up only)", Measure.Process(() => Lspgen("--version"), 3, 30));
        Report("`lspgen validate` (start-up + parse + validate)", Measure.Process(() => Lspgen("validate", specPath), 3, 30));
        Report("`lspgen generate --zip -` (… + enrich + render + zip, no files)", Measure.Process(() => Lspgen("generate", specPath, "--zip", "-"), 3, 30));
        Report("**`lspgen generate --out` end to end (writes every file + manifest)**",
            Measure.Process(() => Lspgen("generate", specPath, "--out", Path.Combine(folder, $"out{run++}")), 3, 30));
        cliRow = rows[^1];
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

// Native AOT next to ReadyToRun, whole process: the same commands, alternating binaries per round so
// that a change in the machine's load hits both alike.
var nativeRows = new List<string>();
if (cli is not null && aot is not null)
{
    var folder = Directory.CreateTempSubdirectory("lspgen-bench-aot-").FullName;
    try
    {
        var specPath = Path.Combine(folder, "spec.yaml");
        File.WriteAllText(specPath, spec);
        var taskManager = Path.GetFullPath("examples/task_manager.spec.yaml");
        var run = 0;
        (string What, string[] Args, string Target)[] commands =
        [
            ("`lspgen --version`", ["--version"], ""),
            ("`lspgen validate` task_manager", ["validate", taskManager], ""),
            ("**`lspgen generate --out` task_manager**", ["generate", taskManager, "--out", "{out}"], "≤ 60 ms"),
            ("**`lspgen generate --out` 100 entities × 10 fields**", ["generate", specPath, "--out", "{out}"], "≤ 120 ms"),
        ];
        string[] Args(string[] template) => template.Select(a => a == "{out}" ? Path.Combine(folder, $"out{run++}") : a).ToArray();
        Console.WriteLine("| command (whole process) | native AOT median | p95 | min | ReadyToRun median | p95 | min | target |");
        foreach (var (what, arguments, target) in commands)
        {
            var (native, r2r) = Measure.Alternating(() => Child.Run(aot, Args(arguments)), () => Child.Run(cli, Args(arguments)), 3, 21);
            nativeRows.Add(Row(what, native, r2r, target));
        }
        var (nativeInit, r2rInit) = Measure.Alternating(() => Child.Initialize(aot), () => Child.Initialize(cli), 2, 21);
        nativeRows.Add(Row("**`lspgen lsp`: spawn → `initialize` response**", nativeInit, r2rInit, "< 50 ms"));
        // Peak resident memory of the biggest command (GNU time's maximum RSS, the kernel's ru_maxrss).
        var nativeRss = Child.PeakRssMb(aot, ["generate", specPath, "--out", Path.Combine(folder, $"out{run++}")]);
        var r2rRss = Child.PeakRssMb(cli, ["generate", specPath, "--out", Path.Combine(folder, $"out{run++}")]);
        nativeRows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| **peak memory (max RSS) of `generate --out` 100 × 10** | {nativeRss:F1} MB | | | {r2rRss:F1} MB | | | < 60 MB |"));
        foreach (var row in nativeRows) Console.WriteLine(row);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static string Row(string what, Measurement native, Measurement r2r, string target) => string.Create(CultureInfo.InvariantCulture,
    $"| {what} | {native.Median:F1} ms | {native.P95:F1} ms | {native.Min:F1} ms | {r2r.Median:F1} ms | {r2r.P95:F1} ms | {r2r.Min:F1} ms | {target} |");

if (docs is not null)
{
    var section = string.Join('\n', [
        "## Compiler",
        "",
        "Measured by `bash bench/compile/run.sh` (a Stopwatch harness in `bench/compile`, Release build,",
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}).",
        $"Spec: 100 entities × 10 fields ({spec.Length} characters); output: {check.Files.Count} files.",
        $"Load average when measured: {LoadAverage()} (figures from a shared, busy machine are noisy: the min column shows the floor).",
        "Targets: in-process compile under 20 ms, CLI end to end under 150 ms, memory linear in spec size.",
        "",
        "| stage | median | p95 | min | runs | allocated per run |",
        "|---|---|---|---|---|---|",
        .. rows,
        "",
        "Allocation by spec size (whole in-process compile):",
        "",
        "| entities | median | allocated | allocated per entity | of which analyze | of which enrich + render | output per entity |",
        "|---|---|---|---|---|---|---|",
        .. scaling,
        "",
        cliRow is null ? "The CLI was not measured in this run (pass `--cli`)." :
            "CLI rows are wall-clock times of the ReadyToRun-published `lspgen` as a child process; the last one includes " +
            "process and runtime start-up, reading the spec and writing every file plus the manifest into a new folder. " +
            "Reading them as differences: `validate` − `--version` is a cold parse + validate; `--zip -` − `validate` is a " +
            "cold enrich + render + zip; `--out` − `--zip -` is writing the files. The two \"first … in a fresh process\" " +
            "rows come from this harness, which is not ReadyToRun-compiled, so they overstate what `lspgen` pays.",
        "",
        .. NativeSection(nativeRows, aot),
        .. History(),
    ]);
    Docs.ReplaceSection(docs, section);
    Console.WriteLine($"updated {docs}");
}
return 0;

static string[] NativeSection(List<string> rows, string? aot) => rows.Count == 0
    ? ["The native AOT binary was not measured in this run (pass `--aot` with `--cli`).", ""]
    :
    [
        "### Native AOT and ReadyToRun, whole process",
        "",
        "The same commands with the native binary (`dotnet publish -r linux-x64 -p:PublishAot=true`, " +
        $"{new FileInfo(aot!).Length / 1048576.0:F1} MB) and the ReadyToRun build above, alternating per round, 21 runs each after warm-up;",
        "wall clock from spawn to exit (for `lsp`: spawn to the `initialize` response, then shutdown and exit).",
        "",
        "| command (whole process) | native AOT median | p95 | min | ReadyToRun median | p95 | min | target |",
        "|---|---|---|---|---|---|---|---|",
        .. rows,
        "",
    ];

// Not measured by this harness (a one-off investigation), so it is kept as text rather than regenerated.
static string[] History() =>
[
    "### Where the cold time went (investigation of 2026-11-20)",
    "",
    "Measured in a ReadyToRun-published probe with `Stopwatch`, `JitInfo.GetCompiledMethodCount()` and",
    "`JitInfo.GetCompilationTime()`, and with `DOTNET_JitDisasmSummary=1` (lists every method the JIT compiles):",
    "",
    "- Before: the first enrich + render in a process took ~140 ms (warm: 7.5 ms). ~110 ms of it was Handlebars.Net",
    "  compiling the 30 templates: it builds an expression tree per template and compiles it to IL, so ~270 methods",
    "  were JIT-compiled at start-up (~60 ms of pure JIT time), none of which ReadyToRun can precompile.",
    "- Tried without effect: interpreting the expression trees instead (a custom `IExpressionCompiler` calling",
    "  `Compile(preferInterpretation: true)`: cold time unchanged, since Handlebars' own generic code is still JIT-compiled,",
    "  and a warm render became 50 ms); compiling on both cores (two independent environments: slower, 170 ms, as",
    "  the threads contend on the JIT and the type loader); `TieredPGO=0`, `TC_QuickJitForLoops`, `TieredCompilation=0`",
    "  (no change or worse). Every template is needed for every project, so compiling lazily saves nothing either.",
    "- Fix: the renderer runs the templates with its own small interpreter for the Handlebars subset they use",
    "  (`server/LspGen.Compiler/Render/Template.cs`); it is ordinary code, so ReadyToRun precompiles it, and Handlebars.Net",
    "  is no longer a dependency. The output is byte-identical: the golden files pass unchanged, and every example plus",
    "  the benchmark spec (with and without auth) and a spec full of quotes, braces and references rendered identically",
    "  with both engines. First enrich + render in a process: ~140 ms → ~40 ms (JIT-compiled methods in the whole",
    "  compile: 386 → ~100, almost all now in the YAML front end and the enricher). Warm render of 100 entities:",
    "  min 3.7 ms → 2.3 ms, 8.3 MB → 7.4 MB allocated (one reused output buffer per thread, typed property getters).",
    "- The two published builds measured alternately (21 runs each, load average 6–8):",
    "",
    "| command | before (Handlebars.Net) median / min | after median / min |",
    "|---|---|---|",
    "| `lspgen --version` | 31.9 / 26.0 ms | 33.9 / 26.3 ms |",
    "| `lspgen validate` | 76.5 / 61.6 ms | 66.1 / 58.1 ms |",
    "| `lspgen generate --zip -` | 248.7 / 233.9 ms | 115.7 / 104.0 ms |",
    "| **`lspgen generate --out`** | **350.1 / 280.6 ms** | **211.8 / 167.3 ms** |",
    "",
    "**The 150 ms end-to-end target is still missed** on this shared machine: by ~60 ms at the median and ~17 ms at the",
    "best run. What remains: runtime start-up (~26 ms), the cold YAML front end and validator (~30–35 ms: a",
    "`RegexOptions.Compiled` regex is built on the way, not in our code, most likely YamlDotNet's; and generic instantiations over value types such as `Stack<int>`",
    "and `Dictionary<string, SourceRange>` are JIT-compiled because the framework is outside a framework-dependent",
    "build's ReadyToRun version bubble), enrich + render + zip (~50 ms cold) and writing the 324 files (~45–95 ms here:",
    "in one `strace -c` run under that load, `openat` averaged 0.6 ms per call, i.e. creating each file's temporary",
    "dominates; the writer does no fsync and no redundant read or hash — one SHA-256 per file, for the manifest).",
];

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

/// <summary>Timings of repeated runs, in milliseconds, and managed bytes allocated per run (in process only).</summary>
internal sealed record Measurement(double Median, double P95, double Min, int Runs, long? AllocatedBytes);

internal static class Measure
{
    public static Measurement InProcess(Action action, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) action();
        GC.Collect();
        var times = new double[runs];
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / runs;
        return Summarize(times, allocated);
    }

    public static Measurement Process(Action action, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        return Summarize(times, null);
    }

    /// <summary>Two actions measured in alternation, so both see the same machine load.</summary>
    public static (Measurement First, Measurement Second) Alternating(Action first, Action second, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) { first(); second(); }
        var a = new double[runs];
        var b = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            first();
            a[i] = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            second();
            b[i] = sw.Elapsed.TotalMilliseconds;
        }
        return (Summarize(a, null), Summarize(b, null));
    }

    private static Measurement Summarize(double[] times, long? allocated)
    {
        Array.Sort(times);
        double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        return new Measurement(At(0.5), At(0.95), times[0], times.Length, allocated);
    }
}

/// <summary>lspgen as a child process: one command, one language-server start, or one command's peak memory.</summary>
internal static class Child
{
    public static void Run(string exe, string[] arguments)
    {
        var start = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var drain = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var err = p.StandardError.ReadToEnd();
        drain.Wait();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} exited with {p.ExitCode}: {err}");
    }

    /// <summary>Spawns `lsp --stdio`, sends initialize and returns when its response has arrived; then shuts it down.</summary>
    public static void Initialize(string exe)
    {
        var start = new ProcessStartInfo(exe, ["lsp", "--stdio"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        var input = p.StandardInput.BaseStream;
        Send(input, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""");
        var output = p.StandardOutput.BaseStream;
        var buffer = new byte[64 * 1024];
        var received = new MemoryStream();
        // The response is the first frame: wait for the header and then that many bytes.
        while (true)
        {
            var n = output.Read(buffer);
            if (n == 0) throw new InvalidOperationException($"{exe} lsp closed stdout before answering initialize: {err.Result}");
            received.Write(buffer, 0, n);
            var text = System.Text.Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0) continue;
            var length = int.Parse(text["Content-Length: ".Length..text.IndexOf('\r')], CultureInfo.InvariantCulture);
            if (received.Length >= headerEnd + 4 + length) break;
        }
        Send(input, """{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
        Send(input, """{"jsonrpc":"2.0","method":"exit"}""");
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} lsp exited with {p.ExitCode}: {err.Result}");
    }

    private static void Send(Stream input, string json)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        input.Write(System.Text.Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        input.Write(body);
        input.Flush();
    }

    /// <summary>The median of 5 runs' maximum resident set size, in MB, read by GNU time (/usr/bin/time).</summary>
    public static double PeakRssMb(string exe, string[] arguments)
    {
        var peaks = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var report = Path.GetTempFileName();
            try
            {
                // A new output folder per run, so each one is a first generation.
                var runArguments = arguments.ToList();
                if (runArguments.Count > 2 && runArguments[^2] == "--out") runArguments[^1] += $"-{i}";
                Run("/usr/bin/time", ["-f", "%M", "-o", report, exe, .. runArguments]);
                peaks.Add(double.Parse(File.ReadAllText(report).Trim(), CultureInfo.InvariantCulture) / 1024);
            }
            finally
            {
                File.Delete(report);
            }
        }
        peaks.Sort();
        return peaks[peaks.Count / 2];
    }
}

/// <summary>
/// Rewrites only the compiler section of docs/performance.md, between its markers; other sections
/// belong to other benchmarks and keep their own markers.
/// </summary>
internal static class Docs
{
    private const string Begin = "<!-- compile:begin -->";
    private const string End = "<!-- compile:end -->";

    public static void ReplaceSection(string path, string section)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        var block = Begin + "\n" + section + "\n" + End;
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        var result = start >= 0 && end > start
            ? text[..start] + block + text[(end + End.Length)..]
            : InsertAfterTitle(text, block);
        File.WriteAllText(path, result);
    }

    private static string InsertAfterTitle(string text, string block)
    {
        var afterTitle = text.StartsWith("# ", StringComparison.Ordinal) ? text.IndexOf('\n') + 1 : 0;
        return text[..afterTitle] + "\n" + block + "\n" + text[afterTitle..];
    }
}
