using LspGen.Compiler.Migrate;

namespace LspGen.Compiler.Tests.Migrate;

/// <summary>The diff: a spec, then the same spec changed, planned against the first one's snapshot.</summary>
public class MigrationPlannerTests
{
    private const string Header = "spec_version: \"1.0\"\nproject_name: shop\n";

    private const string AuthorPost = """
        entities:
          - name: Author
            fields:
              - name: full_name
                type: string
                max_length: 100
                nullable: false
              - name: age
                type: integer
          - name: Post
            fields:
              - name: title
                type: string
                unique: true
              - name: author_id
                type: uuid
                references: Author
                nullable: false
        """;

    private static SchemaSnapshot SnapshotOf(string entities)
    {
        var result = Pipeline.Compile(Header + entities, null);
        Assert.False(result.Analysis.HasErrors, string.Join("\n", result.Analysis.Diagnostics.Select(d => d.Message)));
        Assert.True(result.Plan!.IsInitial);
        return result.Plan.Snapshot;
    }

    private static PipelineResult Change(string before, string after) =>
        Change(SnapshotOf(before), after);

    private static PipelineResult Change(SchemaSnapshot snapshot, string after)
    {
        var result = Pipeline.Compile(Header + after, null, new MigrationHistory.Recorded(snapshot));
        Assert.False(result.Analysis.HasErrors, string.Join("\n", result.Analysis.Diagnostics.Select(d => d.Message)));
        return result;
    }

    private static string[] Upgrade(PipelineResult result) => Body(result, "def upgrade() -> None:\n", "\n\ndef downgrade()");
    private static string[] Downgrade(PipelineResult result) => Body(result, "def downgrade() -> None:\n", null);

    private static string[] Body(PipelineResult result, string start, string? end)
    {
        var text = result.Plan!.Revision!.Content;
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = end is null ? text.Length : text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
    }

    private static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_schema_writes_no_revision_and_keeps_the_snapshot()
    {
        var snapshot = SnapshotOf(AuthorPost);
        var result = Change(snapshot, AuthorPost);
        Assert.Empty(result.Plan!.Operations);
        Assert.Null(result.Plan.Revision);
        Assert.Equal(snapshot.ToJson(), result.Plan.Snapshot.ToJson());
        Assert.DoesNotContain(result.Files!, f => f.Path.StartsWith("alembic/versions/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_snapshot_round_trips_through_its_json()
    {
        var snapshot = SnapshotOf(AuthorPost);
        var json = snapshot.ToJson();
        Assert.Equal(json, SchemaSnapshot.Parse(json).ToJson());
        Assert.Contains("\"uq_posts_title\"", json);
        Assert.Contains("\"fk_posts_author_id_authors\"", json);
        Assert.Throws<FormatException>(() => SchemaSnapshot.Parse("{\"version\": 99}"));
        Assert.Throws<FormatException>(() => SchemaSnapshot.Parse("not json"));
    }

    [Fact]
    public void Adding_a_nullable_field_adds_a_column_in_revision_0002_whose_downgrade_drops_it()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: age\n", "      - name: bio\n        type: text\n      - name: age\n"));
        var plan = result.Plan!;
        Assert.Equal("alembic/versions/0002_add_authors_bio.py", plan.Revision!.Path);
        Assert.Equal(FileOwner.History, plan.Revision.Owner);
        Assert.Equal(["op.add_column(\"authors\", sa.Column(\"bio\", sa.Text(), nullable=True))"], Upgrade(result));
        Assert.Equal(["op.drop_column(\"authors\", \"bio\")"], Downgrade(result));
        Assert.Contains("down_revision: str | None = \"0001\"", plan.Revision.Content);
        Assert.Equal("0002", plan.Snapshot.Head);
        Assert.Equal(["0001_initial", "0002_add_authors_bio"], plan.Snapshot.Revisions);
        Assert.Equal(OperationImpact.Safe, Assert.Single(plan.Operations).Impact);
        Assert.Equal(new SpecOrigin("Author", "bio"), plan.Operations[0].Origin);
    }

    [Fact]
    public void The_revision_is_deterministic_and_numbers_follow_the_head()
    {
        var snapshot = SnapshotOf(AuthorPost);
        var after = Edit(AuthorPost, "      - name: age\n", "      - name: bio\n        type: text\n      - name: age\n");
        Assert.Equal(Change(snapshot, after).Plan!.Revision!.Content, Change(snapshot, after).Plan!.Revision!.Content);
        var second = Change(snapshot, after).Plan!.Snapshot;
        var third = Change(second, Edit(after, "        type: text\n", "        type: text\n        nullable: false\n        default: none\n"));
        Assert.StartsWith("alembic/versions/0003_", third.Plan!.Revision!.Path);
        Assert.Contains("down_revision: str | None = \"0002\"", third.Plan.Revision.Content);
    }

    [Fact]
    public void A_required_field_with_a_default_fills_existing_rows_through_the_server_default()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: age\n", "      - name: country\n        type: string\n        nullable: false\n        default: \"it's\"\n      - name: age\n"));
        Assert.Equal(["op.add_column(\"authors\", sa.Column(\"country\", sa.String(255), nullable=False, server_default=\"it's\"))"], Upgrade(result));
    }

    [Fact]
    public void A_required_field_without_a_default_on_an_existing_table_is_unsafe_and_nothing_is_generated()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: age\n", "      - name: country\n        type: string\n        nullable: false\n      - name: age\n"));
        Assert.Null(result.Files);
        var op = Assert.Single(result.Plan!.Operations, o => o.Impact == OperationImpact.Unsafe);
        Assert.Equal(Remedy.AddDefault, op.Remedy);
        Assert.Equal(new SpecOrigin("Author", "country"), op.Origin);
        Assert.Contains("give it a default", op.Message);
    }

    [Fact]
    public void Removing_a_field_drops_its_column_with_a_destructive_warning_and_the_downgrade_restores_it()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: age\n        type: integer\n", ""));
        var op = Assert.Single(result.Plan!.Operations);
        Assert.Equal(OperationKind.DropColumn, op.Kind);
        Assert.Equal(OperationImpact.Destructive, op.Impact);
        Assert.Equal("Removing field 'age' drops column authors.age and its data at the next migration", op.Message);
        Assert.Equal(new SpecOrigin("Author", "age", Removed: true), op.Origin);
        Assert.Equal(["op.drop_column(\"authors\", \"age\")"], Upgrade(result));
        Assert.Equal(["op.add_column(\"authors\", sa.Column(\"age\", sa.Integer(), nullable=True))"], Downgrade(result));
        Assert.True(result.Plan.HasDestructive);
    }

    [Fact]
    public void Renamed_from_renames_the_column_and_the_names_derived_from_it()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: title\n", "      - name: headline\n        renamed_from: title\n"));
        Assert.Equal(
        [
            "op.alter_column(\"posts\", \"title\", new_column_name=\"headline\")",
            "op.execute(\"ALTER TABLE \\\"posts\\\" RENAME CONSTRAINT \\\"uq_posts_title\\\" TO \\\"uq_posts_headline\\\"\")",
        ], Upgrade(result));
        Assert.Equal(
        [
            "op.execute(\"ALTER TABLE \\\"posts\\\" RENAME CONSTRAINT \\\"uq_posts_headline\\\" TO \\\"uq_posts_title\\\"\")",
            "op.alter_column(\"posts\", \"headline\", new_column_name=\"title\")",
        ], Downgrade(result));
        Assert.EndsWith("0002_rename_posts_title.py", result.Plan!.Revision!.Path);
        Assert.False(result.Plan.HasDestructive);
    }

    [Fact]
    public void Renaming_an_entity_renames_its_table_key_sequence_constraints_and_the_foreign_keys_to_it()
    {
        var after = Edit(Edit(AuthorPost, "  - name: Author\n", "  - name: Writer\n    renamed_from: Author\n"), "references: Author", "references: Writer");
        var result = Change(AuthorPost, after);
        var upgrade = Upgrade(result);
        Assert.Equal("op.rename_table(\"authors\", \"writers\")", upgrade[0]);
        Assert.Contains("op.execute(\"ALTER TABLE \\\"writers\\\" RENAME CONSTRAINT \\\"authors_pkey\\\" TO \\\"writers_pkey\\\"\")", upgrade);
        Assert.Contains("op.execute(\"ALTER INDEX \\\"ix_authors_user_id\\\" RENAME TO \\\"ix_writers_user_id\\\"\")", upgrade);
        Assert.Contains("op.execute(\"ALTER TABLE \\\"writers\\\" RENAME CONSTRAINT \\\"fk_authors_user_id_users\\\" TO \\\"fk_writers_user_id_users\\\"\")", upgrade);
        Assert.Contains("op.execute(\"ALTER TABLE \\\"posts\\\" RENAME CONSTRAINT \\\"fk_posts_author_id_authors\\\" TO \\\"fk_posts_author_id_writers\\\"\")", upgrade);
        Assert.DoesNotContain(upgrade, l => l.Contains("drop_table", StringComparison.Ordinal) || l.Contains("create_table", StringComparison.Ordinal));
        Assert.Equal("op.rename_table(\"writers\", \"authors\")", Downgrade(result)[^1]);
    }

    [Fact]
    public void A_key_dropped_beside_a_rename_is_re_created_over_the_new_column_name_in_the_downgrade()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: title\n        type: string\n        unique: true\n", "      - name: headline\n        renamed_from: title\n        type: string\n"));
        var downgrade = Downgrade(result);
        Assert.Equal("op.create_unique_constraint(\"uq_posts_title\", \"posts\", [\"user_id\", \"headline\"])", downgrade[0]);
        Assert.Equal("op.alter_column(\"posts\", \"headline\", new_column_name=\"title\")", downgrade[^1]);
    }

    [Fact]
    public void Renaming_a_table_with_an_integer_key_renames_its_identity_sequence()
    {
        const string before = "entities:\n  - name: Tag\n    fields:\n      - name: id\n        type: integer\n        primary_key: true\n";
        var result = Change(before, "entities:\n  - name: Label\n    renamed_from: Tag\n    fields:\n      - name: id\n        type: integer\n        primary_key: true\n");
        Assert.Contains("op.execute(\"ALTER SEQUENCE \\\"tags_id_seq\\\" RENAME TO \\\"labels_id_seq\\\"\")", Upgrade(result));
    }

    [Fact]
    public void Adding_an_entity_creates_its_table_then_its_indexes_and_foreign_keys()
    {
        var after = AuthorPost + "\n  - name: Comment\n    fields:\n      - name: body\n        type: text\n      - name: post_id\n        type: uuid\n        references: Post\n";
        var result = Change(AuthorPost, after);
        var upgrade = Upgrade(result);
        Assert.Equal("op.create_table(", upgrade[0]);
        Assert.Contains("sa.PrimaryKeyConstraint(\"id\", name=\"comments_pkey\"),", upgrade);
        var create = Array.IndexOf(upgrade, ")");
        Assert.True(create < Array.FindIndex(upgrade, l => l.StartsWith("op.create_foreign_key(\"fk_comments_post_id_posts\"", StringComparison.Ordinal)));
        Assert.Contains("op.create_foreign_key(\"fk_comments_post_id_posts\", \"comments\", \"posts\", [\"post_id\"], [\"id\"], ondelete=\"SET NULL\")", upgrade);
        Assert.Contains("op.create_index(\"ix_comments_post_id\", \"comments\", [\"post_id\"])", upgrade);
        Assert.Equal("op.drop_table(\"comments\")", Downgrade(result)[^1]);
        Assert.EndsWith("0002_add_comments.py", result.Plan!.Revision!.Path);
    }

    [Fact]
    public void Removing_entities_drops_foreign_keys_first_then_the_tables()
    {
        var result = Change(AuthorPost, "entities:\n  - name: Note\n    fields:\n      - name: body\n        type: text\n");
        var upgrade = Upgrade(result);
        var lastFkDrop = Array.FindLastIndex(upgrade, l => l.Contains("type_=\"foreignkey\"", StringComparison.Ordinal));
        var firstTableDrop = Array.FindIndex(upgrade, l => l.StartsWith("op.drop_table(", StringComparison.Ordinal));
        Assert.True(lastFkDrop >= 0 && lastFkDrop < firstTableDrop);
        Assert.Contains("op.drop_table(\"authors\")", upgrade);
        Assert.Contains("op.drop_table(\"posts\")", upgrade);
        var drop = result.Plan!.Operations.First(o => o.Kind == OperationKind.DropTable && o.Table == "authors");
        Assert.Equal(new SpecOrigin("Author", null, Removed: true), drop.Origin);
        Assert.Equal("Removing entity 'Author' drops table authors and all its rows at the next migration", drop.Message);
        // The downgrade recreates the tables before their foreign keys.
        var downgrade = Downgrade(result);
        Assert.True(Array.FindLastIndex(downgrade, l => l == "op.create_table(") < Array.FindIndex(downgrade, l => l.StartsWith("op.create_foreign_key(", StringComparison.Ordinal)));
    }

    [Fact]
    public void Integer_to_float_casts_with_using_and_float_to_integer_rounds_as_a_narrowing()
    {
        var widen = Change(AuthorPost, Edit(AuthorPost, "type: integer", "type: float"));
        Assert.Equal(["op.alter_column(\"authors\", \"age\", type_=sa.Float(), existing_type=sa.Integer(), existing_nullable=True, postgresql_using=\"\\\"age\\\"::double precision\")"], Upgrade(widen));
        Assert.Equal(OperationImpact.Safe, widen.Plan!.Operations[0].Impact);
        var narrow = Change(widen.Plan.Snapshot, AuthorPost);
        Assert.Equal(OperationImpact.Narrowing, narrow.Plan!.Operations[0].Impact);
        Assert.Contains("postgresql_using=\"round(\\\"age\\\")::integer\"", Upgrade(narrow)[0]);
    }

    [Fact]
    public void A_type_change_without_a_safe_cast_is_unsafe_with_the_keep_type_remedy()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "type: integer", "type: datetime"));
        Assert.Null(result.Files);
        var op = Assert.Single(result.Plan!.Operations);
        Assert.Equal((OperationKind.AlterType, OperationImpact.Unsafe, Remedy.KeepType, "integer"), (op.Kind, op.Impact, op.Remedy!.Value, op.PreviousType));
    }

    [Fact]
    public void Max_length_up_is_safe_and_down_is_a_narrowing()
    {
        var longer = Change(AuthorPost, Edit(AuthorPost, "max_length: 100", "max_length: 150"));
        Assert.Equal(["op.alter_column(\"authors\", \"full_name\", type_=sa.String(150), existing_type=sa.String(100), existing_nullable=False)"], Upgrade(longer));
        Assert.Equal(OperationImpact.Safe, longer.Plan!.Operations[0].Impact);
        var shorter = Change(AuthorPost, Edit(AuthorPost, "max_length: 100", "max_length: 50"));
        Assert.Equal(OperationImpact.Narrowing, shorter.Plan!.Operations[0].Impact);
        Assert.Equal(OperationKind.AlterLength, shorter.Plan.Operations[0].Kind);
    }

    [Fact]
    public void Making_a_field_required_backfills_from_the_default_and_without_one_is_unsafe()
    {
        var with = Change(AuthorPost, Edit(AuthorPost, "        type: integer\n", "        type: integer\n        nullable: false\n        default: 18\n"));
        Assert.Equal(
        [
            "op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), server_default=\"18\")",
            "op.execute(\"UPDATE \\\"authors\\\" SET \\\"age\\\" = DEFAULT WHERE \\\"age\\\" IS NULL\")",
            "op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), nullable=False)",
        ], Upgrade(with));
        Assert.Equal(
        [
            "op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), nullable=True)",
            "op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), server_default=None)",
        ], Downgrade(with));
        var without = Change(AuthorPost, Edit(AuthorPost, "        type: integer\n", "        type: integer\n        nullable: false\n"));
        Assert.Equal(Remedy.AddDefault, Assert.Single(without.Plan!.Operations).Remedy);
        Assert.Null(without.Files);
        var back = Change(with.Plan!.Snapshot, AuthorPost);
        Assert.Contains("op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), nullable=True)", Upgrade(back));
    }

    [Fact]
    public void Changing_a_default_changes_the_server_default()
    {
        var before = Edit(AuthorPost, "        type: integer\n", "        type: integer\n        default: 1\n");
        var result = Change(before, Edit(before, "default: 1", "default: 2"));
        Assert.Equal(["op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), server_default=\"2\")"], Upgrade(result));
        Assert.Equal(["op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), server_default=\"1\")"], Downgrade(result));
    }

    [Fact]
    public void Unique_and_index_are_added_and_dropped_and_unique_is_per_user()
    {
        var added = Change(AuthorPost, Edit(AuthorPost, "        type: integer\n", "        type: integer\n        unique: true\n        index: true\n"));
        var upgrade = Upgrade(added);
        Assert.Contains("op.create_unique_constraint(\"uq_authors_age\", \"authors\", [\"user_id\", \"age\"])", upgrade);
        Assert.Contains("op.create_index(\"ix_authors_age\", \"authors\", [\"age\"])", upgrade);
        Assert.Equal(OperationImpact.Narrowing, added.Plan!.Operations.Single(o => o.Kind == OperationKind.AddUnique).Impact);
        var dropped = Change(added.Plan.Snapshot, AuthorPost);
        Assert.Contains("op.drop_constraint(\"uq_authors_age\", \"authors\", type_=\"unique\")", Upgrade(dropped));
        Assert.Contains("op.drop_index(\"ix_authors_age\", table_name=\"authors\")", Upgrade(dropped));
        Assert.Contains("op.create_unique_constraint(\"uq_authors_age\", \"authors\", [\"user_id\", \"age\"])", Downgrade(dropped));
    }

    [Fact]
    public void Without_auth_unique_covers_the_field_alone()
    {
        const string off = "auth:\n  enabled: false\n";
        var result = Pipeline.Compile(Header + off + AuthorPost, null, new MigrationHistory.Recorded(
            Pipeline.Compile(Header + off + Edit(AuthorPost, "        unique: true\n", ""), null).Plan!.Snapshot));
        Assert.Contains("op.create_unique_constraint(\"uq_posts_title\", \"posts\", [\"title\"])", Upgrade(result));
    }

    [Fact]
    public void A_new_reference_adds_column_foreign_key_and_index_and_removing_it_drops_them_first()
    {
        var after = Edit(AuthorPost, "      - name: age\n", "      - name: mentor_id\n        type: uuid\n        references: Author\n      - name: age\n");
        var added = Change(AuthorPost, after);
        Assert.Equal(
        [
            "op.add_column(\"authors\", sa.Column(\"mentor_id\", sa.Uuid(), nullable=True))",
            "op.create_index(\"ix_authors_mentor_id\", \"authors\", [\"mentor_id\"])",
            "op.create_foreign_key(\"fk_authors_mentor_id_authors\", \"authors\", \"authors\", [\"mentor_id\"], [\"id\"], ondelete=\"SET NULL\")",
        ], Upgrade(added));
        var removed = Change(added.Plan!.Snapshot, AuthorPost);
        Assert.Equal(
        [
            "op.drop_index(\"ix_authors_mentor_id\", table_name=\"authors\")",
            "op.drop_constraint(\"fk_authors_mentor_id_authors\", \"authors\", type_=\"foreignkey\")",
            "op.drop_column(\"authors\", \"mentor_id\")",
        ], Upgrade(removed));
    }

    [Fact]
    public void A_drop_and_an_add_of_the_same_type_is_a_rename_candidate_and_a_needless_renamed_from_is_stale()
    {
        var result = Change(AuthorPost, Edit(AuthorPost, "      - name: full_name\n", "      - name: display_name\n"));
        Assert.Equal(new RenameCandidate(new SpecOrigin("Author", "display_name"), "full_name"), Assert.Single(result.Plan!.RenameCandidates));
        var stale = Change(AuthorPost, Edit(AuthorPost, "      - name: full_name\n", "      - name: full_name\n        renamed_from: name\n"));
        Assert.Equal(new SpecOrigin("Author", "full_name"), Assert.Single(stale.Plan!.StaleRenames));
        Assert.Empty(stale.Plan.Operations);
    }

    [Fact]
    public void A_legacy_project_takes_its_unedited_initial_revision_as_the_baseline()
    {
        var withDefault = Edit(AuthorPost, "        type: integer\n", "        type: integer\n        default: 7\n");
        var fresh = Pipeline.Compile(Header + withDefault, null);
        // What LspGen 1.0 wrote: the same revision without server defaults.
        var legacyText = fresh.Files!.Single(f => f.Path == MigrationHistory.InitialRevisionPath).Content
            .Replace(", server_default=\"7\"", "", StringComparison.Ordinal);
        var result = Pipeline.Compile(Header + withDefault, null, new MigrationHistory.Legacy(legacyText));
        Assert.Null(result.HistoryError);
        Assert.Equal(["op.alter_column(\"authors\", \"age\", existing_type=sa.Integer(), server_default=\"7\")"], Upgrade(result));
        Assert.DoesNotContain(result.Files!, f => f.Path == MigrationHistory.InitialRevisionPath);

        var changed = Pipeline.Compile(Header + Edit(AuthorPost, "max_length: 100", "max_length: 120"), null, new MigrationHistory.Legacy(legacyText));
        Assert.Null(changed.Files);
        Assert.Contains("generated by an LspGen without schema snapshots", changed.HistoryError);
    }
}
