using System.Globalization;
using LspGen.Compiler.Enrich;

namespace LspGen.Compiler.Migrate;

/// <summary>
/// The migrate stage: the previous schema snapshot × the enriched model → the operations of the next
/// revision, in the order they run, and the revision file. Pure and deterministic, linear in the size
/// of the schema. Tables are matched by entity (then <c>renamed_from</c>, then table name), columns by
/// name (then <c>renamed_from</c>); constraints and indexes by what they cover, so a rename renames
/// the names derived from it instead of dropping and re-creating them.
/// </summary>
public static class MigrationPlanner
{
    public const string InitialRevision = "0001_initial";

    public static MigrationPlan Plan(SchemaSnapshot? previous, ProjectModel model)
    {
        var target = DatabaseSchema.Of(model);
        if (previous is null)
        {
            var creates = target.Select(t => new MigrationOperation(OperationKind.CreateTable, OperationImpact.Safe, t.Schema.Name,
                "+ create table " + t.Schema.Name, $"Creates table {t.Schema.Name}", Origin(t.Entity)) { TableSchema = t.Schema }).ToList();
            return new MigrationPlan(creates, new SchemaSnapshot("0001", [InitialRevision], target.Select(t => t.Schema).ToList()), null, [], [])
            { IsInitial = true };
        }
        return new Differ(previous, target).Run();
    }

    private static SpecOrigin? Origin(EntityModel? entity, FieldModel? field = null) =>
        entity is null ? null : new SpecOrigin(entity.SpecName, field?.SpecName);

    private sealed class Differ(SchemaSnapshot previous, IReadOnlyList<TargetTable> target)
    {
        private readonly List<MigrationOperation> renames = [], columnRenames = [], constraintRenames = [],
            dropKeys = [], dropColumns = [], dropTables = [], createTables = [], addColumns = [], alters = [], addKeys = [];
        private readonly List<RenameCandidate> candidates = [];
        private readonly List<SpecOrigin> stale = [];
        // old table name → new table name, and per new table: old column → new column.
        private readonly Dictionary<string, string> tableMap = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, string>> columnMaps = new(StringComparer.Ordinal);
        // New names of tables that are exactly as the snapshot has them (their columns map to themselves).
        private readonly HashSet<string> unchanged = new(StringComparer.Ordinal);

        private static bool Identical(TableSchema a, TableSchema b) =>
            a.Name == b.Name && a.Entity == b.Entity && SameKey(a.PrimaryKey, b.PrimaryKey)
            && a.Columns.SequenceEqual(b.Columns)
            && Same(a.Uniques, b.Uniques) && Same(a.Indexes, b.Indexes)
            && a.ForeignKeys.Count == b.ForeignKeys.Count && a.ForeignKeys.Zip(b.ForeignKeys).All(p =>
                p.First.Name == p.Second.Name && p.First.ReferencedTable == p.Second.ReferencedTable && p.First.OnDelete == p.Second.OnDelete
                && p.First.Columns.SequenceEqual(p.Second.Columns) && p.First.ReferencedColumns.SequenceEqual(p.Second.ReferencedColumns));

        private static bool Same(IReadOnlyList<KeySchema> a, IReadOnlyList<KeySchema> b) =>
            a.Count == b.Count && a.Zip(b).All(p => SameKey(p.First, p.Second));

        private static bool SameKey(KeySchema a, KeySchema b) => a.Name == b.Name && a.Columns.SequenceEqual(b.Columns);

        public MigrationPlan Run()
        {
            var pairs = MatchTables();
            foreach (var (newTable, oldTable) in pairs)
            {
                if (oldTable is null) continue;
                // Most tables of a large spec are untouched by one edit: a structural comparison settles them.
                if (Identical(newTable.Schema, oldTable)) unchanged.Add(newTable.Schema.Name);
                MatchColumns(newTable, oldTable);
            }
            foreach (var (newTable, oldTable) in pairs)
            {
                if (oldTable is null) CreateTable(newTable);
                else if (!unchanged.Contains(newTable.Schema.Name)) DiffTable(newTable, oldTable);
            }
            var matchedOld = pairs.Where(p => p.Old is not null).Select(p => p.Old!.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var old in previous.Tables.Where(t => !matchedOld.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
                DropTable(old);

            var operations = renames.Concat(columnRenames).Concat(constraintRenames).Concat(dropKeys).Concat(dropColumns)
                .Concat(dropTables).Concat(createTables).Concat(addColumns).Concat(alters).Concat(addKeys).ToList();
            var schema = target.Select(t => t.Schema).ToList();
            if (operations.Count == 0)
                return new MigrationPlan([], previous with { Tables = schema }, null, candidates, stale);

            var number = int.TryParse(previous.Head, NumberStyles.None, CultureInfo.InvariantCulture, out var head) ? head + 1 : previous.Revisions.Count + 1;
            var id = number.ToString("D4", CultureInfo.InvariantCulture);
            var stem = id + "_" + RevisionWriter.Slug(operations);
            var file = new GeneratedFile("alembic/versions/" + stem + ".py", RevisionWriter.Render(id, previous.Head, operations), FileOwner.History);
            var snapshot = new SchemaSnapshot(id, [.. previous.Revisions, stem], schema);
            return new MigrationPlan(operations, snapshot, file, candidates, stale);
        }

        private List<(TargetTable New, TableSchema? Old)> MatchTables()
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<(TargetTable, TableSchema?)>();
            var byName = previous.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var byEntity = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
            foreach (var t in previous.Tables) if (t.Entity is { } e) byEntity.TryAdd(e, t);
            TableSchema? Free(Dictionary<string, TableSchema> index, string key, bool entityTable = true) =>
                index.TryGetValue(key, out var t) && !taken.Contains(t.Name) && (entityTable || t.Entity is null) ? t : null;
            // First pass: the same entity (or users). Then renamed_from and same table name, so an entity
            // renamed onto a name that another entity had is never matched twice.
            var first = target.Select(t => t.Entity is null
                ? Free(byName, t.Schema.Name, entityTable: false)
                : Free(byEntity, t.Entity.ClassName)).ToList();
            foreach (var o in first) if (o is not null) taken.Add(o.Name);
            for (var i = 0; i < target.Count; i++)
            {
                var t = target[i];
                var old = first[i];
                if (t.Entity?.RenamedFrom is { } from)
                {
                    if (old is not null) stale.Add(new SpecOrigin(t.Entity.SpecName, null));
                    else
                    {
                        old = Free(byEntity, from);
                        if (old is null) stale.Add(new SpecOrigin(t.Entity.SpecName, null));
                    }
                }
                old ??= Free(byName, t.Schema.Name);
                if (old is not null) taken.Add(old.Name);
                result.Add((t, old));
                if (old is not null) tableMap[old.Name] = t.Schema.Name;
            }
            return result;
        }

        private void MatchColumns(TargetTable t, TableSchema old)
        {
            if (unchanged.Contains(t.Schema.Name))
            {
                // Every column kept its name, so a renamed_from here names a rename already applied (or none).
                foreach (var field in t.Entity?.Fields ?? [])
                    if (field.RenamedFrom is not null && field.SpecName is not null) stale.Add(Origin(t.Entity, field)!);
                return;
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in t.Schema.Columns)
                if (old.Column(c.Name) is not null) { map[c.Name] = c.Name; taken.Add(c.Name); }
            foreach (var c in t.Schema.Columns)
            {
                if (t.FieldOf(c.Name) is not { RenamedFrom: { } from } field) continue;
                if (map.ContainsKey(c.Name) || old.Column(from) is null || taken.Contains(from))
                {
                    stale.Add(Origin(t.Entity, field)!);
                    continue;
                }
                map[from] = c.Name;
                taken.Add(from);
            }
            columnMaps[t.Schema.Name] = map;
        }

        // The column's name between the renames and the additions: its new name, or its old one when it is dropped.
        private string CurrentColumnName(string oldTable, string oldColumn) =>
            NewColumnName(oldTable, oldColumn) is var name && name[0] != '\0' ? name : oldColumn;

        private string NewColumnName(string oldTable, string oldColumn)
        {
            if (!tableMap.TryGetValue(oldTable, out var newTable)) return "\0" + oldColumn; // no longer there: never equal to a new column
            if (unchanged.Contains(newTable)) return oldColumn;
            return columnMaps[newTable].TryGetValue(oldColumn, out var c) ? c : "\0" + oldColumn;
        }

        private void CreateTable(TargetTable t)
        {
            var s = t.Schema;
            createTables.Add(new MigrationOperation(OperationKind.CreateTable, OperationImpact.Safe, s.Name,
                "+ create table " + s.Name, $"Adding entity '{t.Entity?.SpecName ?? s.Name}' creates table {s.Name} at the next migration",
                Origin(t.Entity)) { TableSchema = s, Slug = "add_" + s.Name });
            foreach (var index in s.Indexes) addKeys.Add(AddIndex(s.Name, index, t.Entity, slug: null));
            foreach (var fk in s.ForeignKeys) addKeys.Add(AddForeignKey(s.Name, fk, t.Entity, OperationImpact.Safe, slug: null));
        }

        private void DropTable(TableSchema old)
        {
            var origin = old.Entity is null ? null : new SpecOrigin(old.Entity, null, Removed: true);
            foreach (var fk in old.ForeignKeys)
                dropKeys.Add(new MigrationOperation(OperationKind.DropForeignKey, OperationImpact.Safe, old.Name,
                    $"- drop foreign key {fk.Name} on {old.Name}", $"Drops foreign key {fk.Name}", origin)
                {
                    // Re-created by the downgrade while a renamed target still has its new name.
                    ForeignKey = fk with
                    {
                        ReferencedTable = tableMap.GetValueOrDefault(fk.ReferencedTable, fk.ReferencedTable),
                        ReferencedColumns = fk.ReferencedColumns.Select(c => CurrentColumnName(fk.ReferencedTable, c)).ToList(),
                    },
                });
            foreach (var index in old.Indexes)
                dropKeys.Add(new MigrationOperation(OperationKind.DropIndex, OperationImpact.Safe, old.Name,
                    $"- drop index {index.Name} on {old.Name}", $"Drops index {index.Name}", origin) { Key = index });
            var what = old.Entity is null ? $"Turning auth off drops table {old.Name}" : $"Removing entity '{old.Entity}' drops table {old.Name}";
            dropTables.Add(new MigrationOperation(OperationKind.DropTable, OperationImpact.Destructive, old.Name,
                "- drop table " + old.Name, what + " and all its rows at the next migration", origin)
            { TableSchema = old, Slug = "drop_" + old.Name });
        }

        private void DiffTable(TargetTable t, TableSchema old)
        {
            var s = t.Schema;
            if (s.Name != old.Name)
            {
                renames.Add(new MigrationOperation(OperationKind.RenameTable, OperationImpact.Safe, s.Name,
                    $"~ rename table {old.Name} to {s.Name}", $"Renames table {old.Name} to {s.Name}, keeping its rows", Origin(t.Entity))
                { OldName = old.Name, NewName = s.Name, Slug = "rename_" + old.Name });
            }
            if (old.PrimaryKey.Name != s.PrimaryKey.Name)
                constraintRenames.Add(RenameObject(s.Name, "constraint", old.PrimaryKey.Name, s.PrimaryKey.Name));

            var map = columnMaps[s.Name];
            var reverse = map.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
            var added = new List<ColumnSchema>();
            foreach (var c in s.Columns)
            {
                var field = t.FieldOf(c.Name);
                if (!reverse.TryGetValue(c.Name, out var oldName))
                {
                    added.Add(c);
                    AddColumn(t, c, field);
                    continue;
                }
                var oc = old.Column(oldName)!;
                if (oldName != c.Name)
                    columnRenames.Add(new MigrationOperation(OperationKind.RenameColumn, OperationImpact.Safe, s.Name,
                        $"~ rename column {s.Name}.{oldName} to {c.Name}", $"Renames column {s.Name}.{oldName} to {c.Name}, keeping its values",
                        Origin(t.Entity, field)) { OldName = oldName, NewName = c.Name, Slug = "rename_" + s.Name + "_" + oldName });
                var oldSequence = DatabaseSchema.IdentitySequenceName(old.Name, oldName);
                var newSequence = DatabaseSchema.IdentitySequenceName(s.Name, c.Name);
                if (c.Identity && oc.Identity && oldSequence != newSequence)
                    constraintRenames.Add(RenameObject(s.Name, "sequence", oldSequence, newSequence));
                AlterColumn(t, oc, c, field);
            }
            var dropped = old.Columns.Where(c => !map.ContainsKey(c.Name)).ToList();
            foreach (var oc in dropped)
            {
                var entity = t.Entity?.SpecName ?? s.Name;
                dropColumns.Add(new MigrationOperation(OperationKind.DropColumn, OperationImpact.Destructive, s.Name,
                    $"- drop column {s.Name}.{oc.Name}",
                    $"Removing field '{oc.Name}' drops column {s.Name}.{oc.Name} and its data at the next migration",
                    t.Entity is null ? null : new SpecOrigin(entity, oc.Name, Removed: true))
                { OldColumn = oc, Slug = "drop_" + s.Name + "_" + oc.Name });
            }
            foreach (var a in added)
            {
                if (t.FieldOf(a.Name) is not { } field || field.RenamedFrom is not null) continue;
                var match = dropped.FirstOrDefault(d => d.Type == a.Type);
                if (match is not null) candidates.Add(new RenameCandidate(Origin(t.Entity, field)!, match.Name));
            }

            DiffKeys(t, old, s.Uniques, old.Uniques, OperationKind.AddUnique);
            DiffKeys(t, old, s.Indexes, old.Indexes, OperationKind.AddIndex);
            DiffForeignKeys(t, old);
        }

        private void AddColumn(TargetTable t, ColumnSchema c, FieldModel? field)
        {
            var table = t.Schema.Name;
            if (!c.Nullable && c.ServerDefault is null)
            {
                addColumns.Add(new MigrationOperation(OperationKind.AddColumn, OperationImpact.Unsafe, table,
                    $"! add column {table}.{c.Name} (required, no default)",
                    $"Field '{field?.SpecName ?? c.Name}' is required (nullable: false) and has no default, so the rows already in table {table} " +
                    "would have no value for it: give it a default, or make it nullable",
                    Origin(t.Entity, field)) { Column = c, Remedy = Remedy.AddDefault, Slug = "add_" + table + "_" + c.Name });
                return;
            }
            var fill = c.Nullable ? "" : ", filled with its default in existing rows";
            addColumns.Add(new MigrationOperation(OperationKind.AddColumn, OperationImpact.Safe, table,
                $"+ add column {table}.{c.Name}", $"Adding field '{field?.SpecName ?? c.Name}' adds column {table}.{c.Name}{fill} at the next migration",
                Origin(t.Entity, field)) { Column = c, Slug = "add_" + table + "_" + c.Name });
        }

        private void AlterColumn(TargetTable t, ColumnSchema oc, ColumnSchema c, FieldModel? field)
        {
            var table = t.Schema.Name;
            var origin = Origin(t.Entity, field);
            var where = $"{table}.{c.Name}";
            var slug = "alter_" + table + "_" + c.Name;
            if (oc.Type != c.Type)
            {
                var cast = Casts.Classify(oc.Type, c.Type);
                var from = DatabaseSchema.SpecTypeOf(oc.Type);
                var to = DatabaseSchema.SpecTypeOf(c.Type);
                var message = cast switch
                {
                    OperationImpact.Unsafe => $"Changing the type of '{c.Name}' from {from} to {to} has no safe conversion for the values in column {where}: keep {from}, or add a new field and remove this one",
                    OperationImpact.Narrowing => $"Changing the type of '{c.Name}' from {from} to {to} converts column {where} at the next migration, and fails on (or rounds) values that do not fit",
                    _ => $"Changing the type of '{c.Name}' from {from} to {to} converts column {where} at the next migration, keeping its values",
                };
                alters.Add(new MigrationOperation(OperationKind.AlterType, cast, table,
                    $"{(cast == OperationImpact.Unsafe ? "!" : "~")} alter column {where} type {oc.Type} to {c.Type}", message, origin)
                {
                    OldColumn = oc, Column = c, Slug = slug,
                    Remedy = cast == OperationImpact.Unsafe ? Remedy.KeepType : null,
                    PreviousType = from,
                });
            }
            else if (oc.Length != c.Length)
            {
                var shorter = oc.Type == "varchar" && c.Length < oc.Length;
                alters.Add(new MigrationOperation(OperationKind.AlterLength, shorter ? OperationImpact.Narrowing : OperationImpact.Safe, table,
                    $"~ alter column {where} length {oc.Length} to {c.Length}",
                    shorter
                        ? $"Lowering max_length of '{c.Name}' to {c.Length} fails at the next migration if column {where} holds a longer value"
                        : $"Raising max_length of '{c.Name}' to {c.Length} widens column {where} at the next migration",
                    origin) { OldColumn = oc, Column = c, Slug = slug });
            }
            if (oc.ServerDefault != c.ServerDefault)
                alters.Add(new MigrationOperation(OperationKind.AlterServerDefault, OperationImpact.Safe, table,
                    $"~ alter column {where} server default", $"Changes the database default of column {where}", origin)
                { OldColumn = oc, Column = c, Slug = slug });
            if (oc.Nullable != c.Nullable)
            {
                if (c.Nullable)
                    alters.Add(new MigrationOperation(OperationKind.AlterNullability, OperationImpact.Safe, table,
                        $"~ alter column {where} drop not null", $"Makes column {where} nullable", origin) { OldColumn = oc, Column = c, Slug = slug });
                else if (c.ServerDefault is null)
                    alters.Add(new MigrationOperation(OperationKind.AlterNullability, OperationImpact.Unsafe, table,
                        $"! alter column {where} set not null (no default)",
                        $"Making '{c.Name}' required (nullable: false) needs a value for the rows whose column {where} is empty: give it a default, or keep it nullable",
                        origin) { OldColumn = oc, Column = c, Remedy = Remedy.AddDefault, Slug = slug });
                else
                    alters.Add(new MigrationOperation(OperationKind.AlterNullability, OperationImpact.Safe, table,
                        $"~ alter column {where} set not null", $"Makes column {where} required; empty values get the default at the next migration",
                        origin) { OldColumn = oc, Column = c, Slug = slug });
            }
        }

        private void DiffKeys(TargetTable t, TableSchema old, IReadOnlyList<KeySchema> wanted, IReadOnlyList<KeySchema> had, OperationKind add)
        {
            var table = t.Schema.Name;
            var oldBySignature = had.GroupBy(k => Signature(k.Columns.Select(c => NewColumnName(old.Name, c))), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new Queue<KeySchema>(g), StringComparer.Ordinal);
            foreach (var key in wanted)
            {
                if (oldBySignature.TryGetValue(Signature(key.Columns), out var same) && same.Count > 0)
                {
                    var oldKey = same.Dequeue();
                    if (oldKey.Name != key.Name)
                        constraintRenames.Add(RenameObject(table, add == OperationKind.AddIndex ? "index" : "constraint", oldKey.Name, key.Name));
                    continue;
                }
                var field = t.FieldOf(key.Columns[^1]);
                var existing = key.Columns.All(c => NewColumnNameExists(old, c));
                if (add == OperationKind.AddIndex)
                    addKeys.Add(AddIndex(table, key, t.Entity, "index_" + table + "_" + string.Join("_", key.Columns), field));
                else
                    addKeys.Add(new MigrationOperation(OperationKind.AddUnique, existing ? OperationImpact.Narrowing : OperationImpact.Safe, table,
                        $"+ add unique constraint {key.Name} on {table}",
                        existing
                            ? $"Making '{key.Columns[^1]}' unique adds constraint {key.Name}; the next migration fails if table {table} holds duplicate values"
                            : $"Adds unique constraint {key.Name}",
                        Origin(t.Entity, field)) { Key = key, Slug = "unique_" + table + "_" + key.Columns[^1] });
            }
            foreach (var rest in oldBySignature.Values.SelectMany(q => q))
            {
                var drop = add == OperationKind.AddIndex ? OperationKind.DropIndex : OperationKind.DropUnique;
                // Renames run first in upgrade and last in downgrade, so the downgrade re-creates the key over
                // the columns' new names (a column dropped with it comes back under its old name).
                var key = rest with { Columns = rest.Columns.Select(c => CurrentColumnName(old.Name, c)).ToList() };
                var field = t.FieldOf(key.Columns[^1]);
                dropKeys.Add(new MigrationOperation(drop, OperationImpact.Safe, table,
                    $"- drop {(drop == OperationKind.DropIndex ? "index" : "unique constraint")} {rest.Name} on {table}",
                    $"Drops {(drop == OperationKind.DropIndex ? "index" : "unique constraint")} {rest.Name}", Origin(t.Entity, field))
                { Key = key, Slug = field is null ? null : (drop == OperationKind.DropIndex ? "drop_index_" : "drop_unique_") + table + "_" + rest.Columns[^1] });
            }
        }

        // A column of the new table that existed before under another name.
        private bool NewColumnNameExists(TableSchema old, string newColumn) =>
            old.Columns.Any(c => NewColumnName(old.Name, c.Name) == newColumn);

        private void DiffForeignKeys(TargetTable t, TableSchema old)
        {
            var table = t.Schema.Name;
            string Sig(IEnumerable<string> columns, string refTable, IEnumerable<string> refColumns, string? onDelete) =>
                Signature(columns) + "→" + refTable + "(" + Signature(refColumns) + ")" + (onDelete ?? "");
            var oldBySignature = new Dictionary<string, Queue<ForeignKeySchema>>(StringComparer.Ordinal);
            foreach (var fk in old.ForeignKeys)
            {
                var refTable = tableMap.GetValueOrDefault(fk.ReferencedTable, "\0" + fk.ReferencedTable);
                var sig = Sig(fk.Columns.Select(c => NewColumnName(old.Name, c)), refTable,
                    fk.ReferencedColumns.Select(c => NewColumnName(fk.ReferencedTable, c)), fk.OnDelete);
                if (!oldBySignature.TryGetValue(sig, out var q)) oldBySignature[sig] = q = new Queue<ForeignKeySchema>();
                q.Enqueue(fk);
            }
            foreach (var fk in t.Schema.ForeignKeys)
            {
                if (oldBySignature.TryGetValue(Sig(fk.Columns, fk.ReferencedTable, fk.ReferencedColumns, fk.OnDelete), out var same) && same.Count > 0)
                {
                    var oldKey = same.Dequeue();
                    if (oldKey.Name != fk.Name) constraintRenames.Add(RenameObject(table, "constraint", oldKey.Name, fk.Name));
                    continue;
                }
                var existing = fk.Columns.All(c => NewColumnNameExists(old, c));
                addKeys.Add(AddForeignKey(table, fk, t.Entity, existing ? OperationImpact.Narrowing : OperationImpact.Safe,
                    existing ? "fk_" + table + "_" + fk.Columns[^1] : null));
            }
            foreach (var rest in oldBySignature.Values.SelectMany(q => q))
            {
                var fk = rest with
                {
                    Columns = rest.Columns.Select(c => CurrentColumnName(old.Name, c)).ToList(),
                    ReferencedTable = tableMap.GetValueOrDefault(rest.ReferencedTable, rest.ReferencedTable),
                    ReferencedColumns = rest.ReferencedColumns.Select(c => CurrentColumnName(rest.ReferencedTable, c)).ToList(),
                };
                dropKeys.Add(new MigrationOperation(OperationKind.DropForeignKey, OperationImpact.Safe, table,
                    $"- drop foreign key {rest.Name} on {table}", $"Drops foreign key {rest.Name}",
                    Origin(t.Entity, t.FieldOf(fk.Columns[^1]))) { ForeignKey = fk });
            }
        }

        private static MigrationOperation AddIndex(string table, KeySchema index, EntityModel? entity, string? slug, FieldModel? field = null) =>
            new(OperationKind.AddIndex, OperationImpact.Safe, table, $"+ add index {index.Name} on {table}", $"Adds index {index.Name}",
                Origin(entity, field)) { Key = index, Slug = slug };

        private static MigrationOperation AddForeignKey(string table, ForeignKeySchema fk, EntityModel? entity, OperationImpact impact, string? slug) =>
            new(OperationKind.AddForeignKey, impact, table, $"+ add foreign key {fk.Name} on {table}",
                impact == OperationImpact.Narrowing
                    ? $"Adds foreign key {fk.Name}; the next migration fails if column {table}.{fk.Columns[^1]} holds values that are not keys of {fk.ReferencedTable}"
                    : $"Adds foreign key {fk.Name}",
                Origin(entity, entity?.Fields.FirstOrDefault(f => f.Name == fk.Columns[^1] && f.SpecName is not null))) { ForeignKey = fk, Slug = slug };

        private static MigrationOperation RenameObject(string table, string kind, string oldName, string newName) =>
            new(OperationKind.RenameConstraint, OperationImpact.Safe, table, $"~ rename {kind} {oldName} to {newName}",
                $"Renames {kind} {oldName} to {newName}", null) { OldName = oldName, NewName = newName, ObjectKind = kind };

        private static string Signature(IEnumerable<string> columns) => string.Join(",", columns);
    }
}

/// <summary>Which column type changes PostgreSQL can make in place, and what they risk.</summary>
internal static class Casts
{
    private static readonly HashSet<string> Texts = new(StringComparer.Ordinal) { "varchar", "text" };

    public static OperationImpact Classify(string from, string to)
    {
        if (Texts.Contains(from) && Texts.Contains(to)) return to == "text" ? OperationImpact.Safe : OperationImpact.Narrowing;
        if (from == "integer" && to == "double precision") return OperationImpact.Safe;
        if (from == "double precision" && to == "integer") return OperationImpact.Narrowing;
        // Every type prints as text; text parses back only where the values allow.
        if (Texts.Contains(to)) return to == "text" ? OperationImpact.Safe : OperationImpact.Narrowing;
        if (Texts.Contains(from)) return OperationImpact.Narrowing;
        if (from == "boolean" && to == "integer") return OperationImpact.Safe;
        if (from == "integer" && to == "boolean") return OperationImpact.Narrowing;
        return OperationImpact.Unsafe; // uuid, timestamps and booleans have no cast to or from the other kinds
    }
}
