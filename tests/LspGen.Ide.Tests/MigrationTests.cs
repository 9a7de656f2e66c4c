using LspGen.Compiler.Enrich;
using LspGen.Compiler.Migrate;
using LspGen.Spec;
using LspGen.Spec.Diagnostics;

namespace LspGen.Ide.Tests;

/// <summary>
/// Migration impact in the editor: the spec as last generated gives the snapshot, the edited spec is the
/// fixture, and the expected diagnostic sits at the marked range.
/// </summary>
public class MigrationTests
{
    private const string Head = "spec_version: \"1.0\"\nproject_name: demo\nauth: {enabled: false}\nentities:\n";

    private const string Generated = Head + """
          - name: Author
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: name
                type: string
              - name: biography
                type: text
              - name: born
                type: datetime

        """;

    /// <summary>The snapshot that generating <paramref name="spec"/> into an empty folder records.</summary>
    internal static SchemaSnapshot SnapshotOf(string spec)
    {
        var doc = IdeDocument.Create(spec);
        Assert.False(doc.Analysis.HasErrors, string.Join("\n", doc.Diagnostics.Select(d => d.Message)));
        return MigrationPlanner.Plan(null, Enricher.Enrich(doc.Spec)).Snapshot;
    }

    private static (MigrationImpact Impact, Fixture Fixture) Impact(string annotated, string generated = Generated)
    {
        var f = Fixture.Parse(annotated);
        var impact = MigrationImpacts.Of(f.Document, SnapshotOf(generated));
        Assert.NotNull(impact);
        return (impact, f);
    }

    private static Diagnostic Single(string annotated, string code, string generated = Generated)
    {
        var (impact, f) = Impact(annotated, generated);
        var matching = impact.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}, got:\n" + string.Join("\n", impact.Diagnostics.Select(d => $"{d.Range} {d.Code}: {d.Message}")));
        Assert.Equal(f.Range, matching[0].Range);
        return matching[0];
    }

    private static string FixedText(string annotated, string code, string title, string generated = Generated)
    {
        var (impact, f) = Impact(annotated, generated);
        var diagnostic = impact.Diagnostics.Single(d => d.Code == code);
        var action = Assert.Single(CodeActions.For(f.Document, diagnostic.Range, impact), a => a.Fixes.Contains(diagnostic));
        Assert.Equal(title, action.Title);
        return Fixture.Apply(f.Text, action.Edits);
    }

    [Fact]
    public void The_spec_as_generated_changes_nothing()
    {
        var (impact, f) = Impact(Generated);
        Assert.Empty(impact.Diagnostics);
        Assert.Equal(0, impact.ChangeCount);
        Assert.DoesNotContain(CodeLenses.For(f.Document, impact), l => l.Title.StartsWith("Pending migration", StringComparison.Ordinal));
    }

    [Fact]
    public void No_snapshot_or_errors_mean_no_migration_diagnostics()
    {
        Assert.Null(MigrationImpacts.Of(IdeDocument.Create(Generated), null));
        Assert.Null(MigrationImpacts.Of(IdeDocument.Create(Generated.Replace("type: text", "type: txt", StringComparison.Ordinal)), SnapshotOf(Generated)));
    }

    [Fact]
    public void LSG031_a_removed_field_warns_on_its_entity_with_the_drop_message()
    {
        var d = Single(Head + """
              - name: [|Author|]
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: name
                    type: string
                  - name: born
                    type: datetime
            """, "LSG031");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("drops column authors.biography", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG031_a_removed_entity_warns_on_the_entities_key()
    {
        var d = Single("spec_version: \"1.0\"\nproject_name: demo\nauth: {enabled: false}\n[|entities|]:\n" + """
              - name: Book
                fields:
                  - {name: id, type: uuid, primary_key: true}
            """, "LSG031");
        Assert.Contains("authors", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG030_an_added_nullable_field_is_information_on_its_name_and_counts_in_the_lens()
    {
        var (impact, f) = Impact(Generated + "      - name: [|website|]\n        type: string\n");
        var d = Assert.Single(impact.Diagnostics);
        Assert.Equal(("LSG030", Severity.Information, f.Range), (d.Code, d.Severity, d.Range));
        Assert.Contains("adds column authors.website", d.Message, StringComparison.Ordinal);
        Assert.Equal(["+ add column authors.website"], impact.SummaryLines);
        var lenses = CodeLenses.For(f.Document, impact).Select(l => l.Title).ToList();
        Assert.Equal("Generate backend", lenses[0]);
        Assert.Equal("Pending migration: 1 change", lenses[1]);
    }

    [Fact]
    public void LSG032_a_required_field_without_default_is_an_error_fixed_by_a_default_of_its_type()
    {
        const string edited = Generated + "      - name: [|rank|]\n        type: integer\n        nullable: false\n";
        var d = Single(edited, "LSG032");
        Assert.Equal(Severity.Error, d.Severity);
        var fixedText = FixedText(edited, "LSG032", "Add 'default: 0' to 'rank'");
        Assert.EndsWith("        nullable: false\n        default: 0\n", fixedText, StringComparison.Ordinal);
        var again = MigrationImpacts.Of(IdeDocument.Create(fixedText), SnapshotOf(Generated))!;
        Assert.False(again.Plan.HasUnsafe);
    }

    [Theory]
    [InlineData("string", "\"\"")]
    [InlineData("boolean", "false")]
    [InlineData("datetime", "\"1970-01-01T00:00:00Z\"")]
    [InlineData("uuid", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("float", "0.0")]
    public void The_inserted_default_is_valid_for_its_type(string type, string value)
    {
        var text = FixedText(Generated + $"      - {{name: extra, type: {type}, nullable: false}}\n", "LSG032", $"Add 'default: {value}' to 'extra'");
        Assert.Contains($"{{name: extra, type: {type}, nullable: false, default: {value}}}", text, StringComparison.Ordinal);
        Assert.False(IdeDocument.Create(text).Analysis.HasErrors);
    }

    [Fact]
    public void In_a_JSON_spec_the_fixes_write_JSON()
    {
        const string json = """
            {"spec_version": "1.0", "project_name": "demo", "auth": {"enabled": false}, "entities": [
              {"name": "Author", "fields": [
                {"name": "id", "type": "uuid", "primary_key": true},
                {"name": "name", "type": "string"},
                {"name": "biography", "type": "text"},
                {"name": "born", "type": "datetime"}]}]}
            """;
        var withRank = FixedText(json.Replace("\"datetime\"}]}]}", "\"datetime\"}, {\"name\": \"rank\", \"type\": \"integer\", \"nullable\": false}]}]}", StringComparison.Ordinal),
            "LSG032", "Add 'default: 0' to 'rank'", generated: json);
        Assert.Contains("{\"name\": \"rank\", \"type\": \"integer\", \"nullable\": false, \"default\": 0}", withRank, StringComparison.Ordinal);
        var renamed = FixedText(json.Replace("\"biography\"", "\"bio\"", StringComparison.Ordinal), "LSG033", "Treat as a rename of 'biography'", generated: json);
        Assert.Contains("{\"name\": \"bio\", \"type\": \"text\", \"renamed_from\": \"biography\"}", renamed, StringComparison.Ordinal);
        Assert.False(IdeDocument.Create(renamed).Analysis.HasErrors);
    }

    [Fact]
    public void LSG032_a_type_without_cast_is_fixed_by_keeping_the_previous_type()
    {
        const string edited = Head + """
              - name: Author
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: name
                    type: string
                  - name: biography
                    type: text
                  - name: born
                    type: [|boolean|]
            """;
        Single(edited, "LSG032");
        var fixedText = FixedText(edited, "LSG032", "Keep the type 'datetime'");
        Assert.EndsWith("      - name: born\n        type: datetime", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void LSG033_a_dropped_and_an_added_column_of_one_type_offer_a_rename()
    {
        const string edited = Head + """
              - name: Author
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: name
                    type: string
                  - name: [|bio|]
                    type: text
                  - name: born
                    type: datetime
            """;
        var d = Single(edited, "LSG033");
        Assert.Equal(Severity.Hint, d.Severity);
        Assert.Contains("'bio' is added and 'biography' is dropped", d.Message, StringComparison.Ordinal);
        var fixedText = FixedText(edited, "LSG033", "Treat as a rename of 'biography'");
        Assert.Contains("      - name: bio\n        renamed_from: biography\n        type: text\n", fixedText, StringComparison.Ordinal);
        var renamed = MigrationImpacts.Of(IdeDocument.Create(fixedText), SnapshotOf(Generated))!;
        Assert.Equal([OperationKind.RenameColumn], renamed.Plan.Changes.Select(o => o.Kind));
        Assert.Equal(["LSG030"], renamed.Diagnostics.Select(x => x.Code));
    }

    [Fact]
    public void LSG034_a_renamed_from_the_database_does_not_have_is_a_hint_fixed_by_removing_it()
    {
        const string edited = Head + """
              - name: Author
                fields:
                  - name: id
                    type: uuid
                    primary_key: true
                  - name: name
                    type: string
                    renamed_from: [|full_name|]
                  - name: biography
                    type: text
                  - name: born
                    type: datetime
            """;
        var d = Single(edited, "LSG034");
        Assert.Equal(Severity.Hint, d.Severity);
        var fixedText = FixedText(edited, "LSG034", "Remove renamed_from");
        Assert.Equal(Generated.TrimEnd('\n'), fixedText.TrimEnd('\n'));
    }

    [Fact]
    public void LSG034_in_a_flow_field_removes_only_the_member()
    {
        var text = FixedText(Generated.Replace("      - name: name\n        type: string\n", "      - {name: name, type: string, renamed_from: [|full_name|]}\n", StringComparison.Ordinal),
            "LSG034", "Remove renamed_from");
        Assert.Contains("      - {name: name, type: string}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_migration_code_is_triggered_here()
    {
        // The spec-only triggers are in LspGen.Spec.Tests (CatalogueTests); these codes need a snapshot.
        var triggered = typeof(MigrationTests).GetMethods().Select(m => m.Name[..Math.Min(6, m.Name.Length)]).ToHashSet(StringComparer.Ordinal);
        foreach (var code in new[] { "LSG030", "LSG031", "LSG032", "LSG033", "LSG034" })
        {
            Assert.NotNull(Descriptors.Find(code));
            Assert.Contains(code, triggered);
        }
    }

    [Fact]
    public void Renaming_a_field_the_database_has_adds_renamed_from()
    {
        var f = Fixture.Parse(Generated.Replace("name: biogr", "name: bio$$gr", StringComparison.Ordinal));
        var result = Rename.Apply(f.Document, f.CaretPosition, "about", SnapshotOf(Generated));
        Assert.True(result.Succeeded, result.Error);
        var text = Fixture.Apply(f.Text, result.Edits);
        Assert.Contains("      - name: about\n        renamed_from: biography\n        type: text\n", text, StringComparison.Ordinal);
        var impact = MigrationImpacts.Of(IdeDocument.Create(text), SnapshotOf(Generated))!;
        Assert.Equal([OperationKind.RenameColumn], impact.Plan.Changes.Select(o => o.Kind));
    }

    [Fact]
    public void Renaming_without_snapshot_or_for_a_new_field_adds_nothing_else()
    {
        var f = Fixture.Parse(Generated.Replace("name: biogr", "name: bio$$gr", StringComparison.Ordinal));
        Assert.Single(Rename.Apply(f.Document, f.CaretPosition, "about").Edits);
        var added = Fixture.Parse(Generated + "      - name: web$$site\n        type: string\n");
        Assert.Single(Rename.Apply(added.Document, added.CaretPosition, "homepage", SnapshotOf(Generated)).Edits);
    }

    [Fact]
    public void Renaming_an_entity_the_database_has_adds_renamed_from()
    {
        var f = Fixture.Parse(Generated.Replace("name: Author", "name: Auth$$or", StringComparison.Ordinal));
        var result = Rename.Apply(f.Document, f.CaretPosition, "Writer", SnapshotOf(Generated));
        Assert.True(result.Succeeded, result.Error);
        var text = Fixture.Apply(f.Text, result.Edits);
        Assert.Contains("  - name: Writer\n    renamed_from: Author\n    fields:\n", text, StringComparison.Ordinal);
        var impact = MigrationImpacts.Of(IdeDocument.Create(text), SnapshotOf(Generated))!;
        Assert.Contains(OperationKind.RenameTable, impact.Plan.Changes.Select(o => o.Kind));
        Assert.DoesNotContain(impact.Plan.Changes, o => o.Impact != OperationImpact.Safe);
    }
}
