namespace LspGen.Ide.Tests;

public class FoldingAndLensTests
{
    [Fact]
    public void Folds_blocks_entities_field_lists_fields_and_comment_runs()
    {
        var doc = IdeDocument.Create("""
            # header line 1
            # header line 2
            spec_version: "1.0"
            database:
              type: postgres
              version: "16"
            entities:
              - name: Task
                fields:
                  - name: id
                    type: uuid
                  - name: done
                    type: boolean
            description: |
              one
              two
            """);
        var folds = FoldingRanges.For(doc).Select(r => (r.StartLine, r.EndLine, r.Kind)).ToList();
        Assert.Equal(
        [
            (0, 1, FoldingKind.Comment),
            (3, 5, FoldingKind.Region),   // database
            (6, 12, FoldingKind.Region),  // entities
            (7, 12, FoldingKind.Region),  // the Task item
            (8, 12, FoldingKind.Region),  // fields
            (9, 10, FoldingKind.Region),  // field id
            (11, 12, FoldingKind.Region), // field done
            (13, 15, FoldingKind.Region), // description text
        ], folds);
    }

    [Fact]
    public void Lenses_generate_and_summary_on_the_first_key_line()
    {
        var doc = IdeDocument.Create(File.ReadAllText(Examples.Path("task_manager.spec.yaml")));
        var lenses = CodeLenses.For(doc);
        Assert.Equal(2, lenses.Count);
        Assert.Equal(("Generate backend", "lspgen.generate"), (lenses[0].Title, lenses[0].CommandId));
        // 2 entities × 5 CRUD endpoints + 4 auth endpoints.
        Assert.Equal(("2 entities · 14 endpoints", (string?)null), (lenses[1].Title, lenses[1].CommandId));
        Assert.Equal(2, lenses[0].Range.Start.Line);
    }

    [Fact]
    public void Summary_counts_only_crud_entities_and_auth_when_enabled()
    {
        var doc = IdeDocument.Create("""
            spec_version: "1.0"
            project_name: a
            auth: {enabled: false}
            entities:
              - {name: A, fields: [{name: id, type: uuid, primary_key: true}]}
              - {name: B, crud: false, fields: [{name: id, type: uuid, primary_key: true}]}
              - {name: C, fields: [{name: id, type: uuid, primary_key: true}]}
            """);
        Assert.Equal("3 entities · 10 endpoints", CodeLenses.For(doc)[1].Title);
    }

    [Fact]
    public void Summary_lens_mentions_errors()
    {
        var doc = IdeDocument.Create("spec_version: \"1.0\"\nentities:\n  - name: A\n    fields: [{name: x, type: nope}]\n");
        Assert.EndsWith("· 2 errors", CodeLenses.For(doc)[1].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_and_tables_follow_the_compiler_naming()
    {
        var checkedSpecs = 0;
        foreach (var path in Examples.All())
        {
            var doc = IdeDocument.Create(File.ReadAllText(path));
            if (doc.Analysis.HasErrors) continue;
            checkedSpecs++;
            var model = LspGen.Compiler.Enrich.Enricher.Enrich(doc.Spec);
            foreach (var (spec, entity) in doc.Spec.Entities.Zip(model.Entities))
            {
                Assert.Equal(entity.TableName, SpecSummary.TableOf(spec.Name.Value, spec.TableName?.Value));
                Assert.Equal("POST " + entity.RoutePath, SpecSummary.EndpointsOf(spec.Name.Value)[0]);
            }
        }
        Assert.True(checkedSpecs >= 3, "expected at least 3 valid example specs");
    }
}
