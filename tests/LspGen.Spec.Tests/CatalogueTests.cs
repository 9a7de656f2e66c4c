using System.Text.RegularExpressions;

namespace LspGen.Spec.Tests;

/// <summary>The descriptor table, docs/diagnostics.md and the tests agree on every code.</summary>
public class CatalogueTests
{
    private const string Valid = "spec_version: \"1.0\"\nproject_name: demo\nauth: {enabled: false}\n";
    private const string Key = "{name: id, type: uuid, primary_key: true}";

    /// <summary>The smallest input that triggers each code (the detailed, range-exact tests are in DiagnosticCodeTests).</summary>
    public static TheoryData<string, string> Triggers => new()
    {
        { "LSG001", "a: [1, 2" },
        { "LSG002", Valid + $"entities: [{{name: A, fields: [{Key}]}}]\ncolour: blue\n" },
        { "LSG003", Valid + $"entities: [{{name: A, crud: yes, fields: [{Key}]}}]\n" },
        { "LSG004", Valid + "entities: [{name: A}]\n" },
        { "LSG005", Valid + $"database: {{type: mysql}}\nentities: [{{name: A, fields: [{Key}]}}]\n" },
        { "LSG006", $"project_name: demo\nentities: [{{name: A, fields: [{Key}]}}]\n" },
        { "LSG007", Valid + $"entities: [{{name: A, name: B, fields: [{Key}]}}]\n" },
        { "LSG008", Valid + "entities: *all\n" },
        { "LSG010", Valid + $"entities: [{{name: A, fields: [{Key}]}}, {{name: a, fields: [{Key}]}}]\n" },
        { "LSG011", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: x, type: text}}, {{name: X, type: text}}]}}]\n" },
        { "LSG012", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: x, type: int}}]}}]\n" },
        { "LSG013", Valid + "entities: [{name: A, fields: [{name: x, type: text}]}]\n" },
        { "LSG014", Valid + "entities: [{name: A, fields: [{name: x, type: text, primary_key: true}]}]\n" },
        { "LSG015", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: class, type: text}}]}}]\n" },
        { "LSG016", "spec_version: \"1.0\"\nproject_name: demo\n" + $"entities: [{{name: User, fields: [{Key}]}}]\n" },
        { "LSG017", Valid + $"entities: [{{name: A, fields: [{Key}]}}, {{name: B, table_name: as, fields: [{Key}]}}]\n" },
        { "LSG018", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: b_id, type: uuid, references: B}}]}}]\n" },
        { "LSG019", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: a_id, type: uuid, nullable: false, references: A}}]}}]\n" },
        { "LSG020", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: n, type: integer, max_length: 3}}]}}]\n" },
        { "LSG021", Valid + $"entities: [{{name: a, fields: [{Key}]}}]\n" },
        { "LSG022", Valid + $"entities: [{{name: A, renamed_from: A, fields: [{Key}]}}]\n" },
        { "LSG023", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: x, type: text, renamed_from: w}}, {{name: y, type: text, renamed_from: w}}]}}]\n" },
        { "LSG025", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: b_c, type: text, unique: true}}]}}, {{name: X, table_name: as_b, fields: [{Key}, {{name: c, type: text, unique: true}}]}}]\n" },
        { "LSG026", Valid + $"entities: [{{name: Datum, fields: [{Key}]}}, {{name: Data, table_name: points, fields: [{Key}]}}]\n" },
        { "LSG024", Valid + $"entities: [{{name: A, fields: [{Key}, {{name: created_at, type: datetime}}]}}]\n" },
        // PRD markdown (LSG1xx): analysed by the PRD front end, see Input().
        { "LSG101", "# Demo\n\n## Data\n- Projects have a name.\n" },
        { "LSG102", "# Demo\n\n## Entities\n- Task: title (required)\n" },
        { "LSG103", "# Demo\n\n## Entities\nAll entities are soft-deleted.\n- Task: title (string)\n" },
        { "LSG104", "# Demo\n\n## Entities\n- Task: estimate (int)\n" },
        { "LSG105", "# Demo\n\n## Entities\n- Task: due-date (datetime)\n" },
        { "LSG106", "# Demo\n\n## Entities\n- Task: title (string, requried)\n" },
    };

    /// <summary>LSG1xx codes are PRD-only, so their triggers are markdown files.</summary>
    private static SpecAnalysis Analyze(string code, string input) =>
        SpecSources.Analyze(input, code.StartsWith("LSG1", StringComparison.Ordinal) ? "trigger.prd.md" : "spec.yaml");

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Each_trigger_reports_its_code(string code, string input)
    {
        var analysis = Analyze(code, input);
        Assert.True(analysis.Diagnostics.Any(d => d.Code == code), $"{code} not reported for:\n{input}\ngot:\n{Fixture.Describe(analysis.Diagnostics)}");
    }

    /// <summary>
    /// Migration codes compare the spec with a schema snapshot, which the spec analyzer never sees; their
    /// triggers are in LspGen.Ide.Tests/MigrationTests.cs (Every_migration_code_is_triggered_here).
    /// </summary>
    private static readonly string[] MigrationCodes = ["LSG030", "LSG031", "LSG032", "LSG033", "LSG034"];

    [Fact]
    public void Every_descriptor_has_a_trigger()
    {
        var triggered = Triggers.Select(row => (string)row[0]).Concat(MigrationCodes).ToHashSet(StringComparer.Ordinal);
        var missing = Descriptors.All.Select(d => d.Id).Where(id => !triggered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "no trigger for " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_descriptor_has_a_section_in_docs_and_every_section_a_descriptor()
    {
        var docs = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "docs", "diagnostics.md"));
        var headings = Regex.Matches(docs, @"^## (LSG\d{3}) — (.+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        foreach (var descriptor in Descriptors.All)
        {
            Assert.True(headings.TryGetValue(descriptor.Id, out var title), $"docs/diagnostics.md has no section '## {descriptor.Id} — {descriptor.Title}'");
            Assert.Equal(descriptor.Title, title);
        }
        Assert.Equal(Descriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal), headings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_docs_section_has_severity_and_bad_and_fixed_examples()
    {
        var docs = File.ReadAllText(Path.Combine(Specs.RepoRoot(), "docs", "diagnostics.md"));
        var sections = Regex.Split(docs, @"^## ", RegexOptions.Multiline).Skip(1);
        foreach (var section in sections)
        {
            var id = section[..6];
            var severity = Descriptors.Find(id)!.DefaultSeverity.ToString().ToLowerInvariant();
            Assert.Contains("Default severity: " + severity, section, StringComparison.Ordinal);
            var language = id.StartsWith("LSG1", StringComparison.Ordinal) ? "markdown" : "yaml"; // LSG1xx: PRD-only codes
            Assert.Contains("Bad:\n\n```" + language, section, StringComparison.Ordinal);
            Assert.Contains("Fixed:\n\n```" + language, section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Descriptor_ids_are_unique_and_ordered()
    {
        var ids = Descriptors.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(Descriptors.All, d => Assert.Matches(@"^LSG\d{3}$", d.Id));
    }
}
