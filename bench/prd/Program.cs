// PRD parsing benchmark: Stopwatch over PrdAnalyzer.Analyze (markdown → SpecDocument → validator) on
// generated PRDs of growing size. Linear parsing shows as a constant time per line across sizes.
// Run: dotnet run -c Release --project bench/prd   (figures go to docs/performance.md, "PRD parsing").
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LspGen.Spec.Prd;

static string MakePrd(int lines)
{
    // A realistic mix: entity bullets with modifiers and aliases, user stories, integrations, prose.
    var sb = new StringBuilder("---\nstatus: draft\n---\n# Big Product\n\nA generated PRD for the benchmark.\n\n## Entities\n");
    var entities = lines / 5;
    for (var i = 0; i < entities; i++)
        sb.Append("- Entity").Append(i).Append(": title (string, required, unique), done (bool), due-date (timestamp), owner (Entity")
          .Append(i == 0 ? 0 : i - 1).Append(", optional)\n");
    sb.Append("\n## User Stories\n");
    for (var i = 0; i < lines * 2 / 5; i++) sb.Append("- As a user ").Append(i).Append(", I want to do things so that it works.\n");
    sb.Append("\n## Integrations\n");
    for (var i = 0; i < lines * 2 / 5 - 8; i++) sb.Append("- Stripe (payments), SendGrid (email) and striped prose ").Append(i).Append('\n');
    return sb.ToString();
}

var culture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Format(culture, "| lines | characters | median | min | per 1,000 lines | entities | runs |"));
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var lines in new[] { 5_000, 12_500, 25_000, 50_000 })
{
    var text = MakePrd(lines);
    var lineCount = text.Count(c => c == '\n');
    PrdAnalyzer.Analyze(text, "big.prd.md"); // warm-up (JIT)
    var times = new List<double>();
    var entityCount = 0;
    for (var run = 0; run < 7; run++)
    {
        var watch = Stopwatch.StartNew();
        var analysis = PrdAnalyzer.Analyze(text, "big.prd.md");
        watch.Stop();
        entityCount = analysis.Document.Entities.Count;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine(string.Format(culture, "| {0:N0} | {1:N0} | {2:F1} ms | {3:F1} ms | {4:F2} ms | {5:N0} | {6} |",
        lineCount, text.Length, median, times[0], median / lineCount * 1000, entityCount, times.Count));
}
