using System.Globalization;
using System.Text;
using LspGen.Spec;
using LspGen.Spec.Model;
using LspGen.Spec.Validation;

namespace LspGen.Compiler.Enrich;

/// <summary>
/// The enrich stage: applies every default of spec format 1.0 once and derives every name the
/// templates use. Pure; precondition: the validator reported no errors for the document.
/// </summary>
public static class Enricher
{
    public const string DefaultPostgresVersion = "16";
    public const long DefaultAccessTokenExpiryMinutes = 30;
    public const long DefaultStringMaxLength = 255;

    public static ProjectModel Enrich(SpecDocument doc)
    {
        var projectName = Naming.ToSnakeCase(Required(doc.ProjectName, "project_name"));
        var auth = new AuthModel(
            Enabled: doc.Auth?.Enabled?.Value ?? true,
            AccessTokenExpiryMinutes: doc.Auth?.AccessTokenExpiryMinutes?.Value ?? DefaultAccessTokenExpiryMinutes);

        var shapes = doc.Entities.Select(ShapeOf).ToList();
        var byName = shapes.ToDictionary(s => s.ClassName, StringComparer.Ordinal);
        var creationOrder = CreationOrder(shapes, byName);
        var position = creationOrder.Select((s, i) => (s.ClassName, i)).ToDictionary(p => p.ClassName, p => p.i, StringComparer.Ordinal);

        var blocking = BlockingReferences(shapes);
        var entities = new Dictionary<string, EntityModel>(StringComparer.Ordinal);
        foreach (var shape in shapes)
            entities[shape.ClassName] = BuildEntity(shape, byName, position, blocking.GetValueOrDefault(shape.ClassName));

        var inSpecOrder = shapes.Select(s => entities[s.ClassName]).ToList();
        var inCreationOrder = creationOrder.Select(s => entities[s.ClassName]).ToList();
        var dropOrder = Enumerable.Reverse(inCreationOrder).ToList();

        return new ProjectModel(
            Name: projectName,
            Title: Naming.ToTitle(projectName),
            Description: Text(doc.Description),
            PostgresVersion: doc.Database?.Version?.Value ?? DefaultPostgresVersion,
            Auth: auth,
            Entities: inSpecOrder,
            CrudEntities: inSpecOrder.Where(e => e.Crud).ToList(),
            CreationOrder: inCreationOrder,
            DropOrder: dropOrder,
            UserStories: doc.UserStories.Select((s, i) => new UserStoryModel(
                "US" + (i + 1).ToString(CultureInfo.InvariantCulture),
                new UserText(s.Role.Value), new UserText(s.Goal.Value), Text(s.Benefit))).ToList(),
            Integrations: Integrations(doc.Integrations));
    }

    // An entity with its names and raw fields, before references are resolved.
    private sealed record EntityShape(
        string ClassName, string Module, string? ExplicitTable, bool Crud, UserText? Description,
        IReadOnlyList<FieldSpec> Fields, FieldSpec? PrimaryKey, string SpecName, string? RenamedFrom);

    private static EntityShape ShapeOf(EntitySpec spec)
    {
        var pk = spec.Fields.FirstOrDefault(f => f.PrimaryKey?.Value == true);
        return new EntityShape(
            ClassName: Naming.ToPascalCase(spec.Name.Value),
            Module: Naming.ToSnakeCase(spec.Name.Value),
            ExplicitTable: spec.TableName?.Value,
            Crud: spec.Crud?.Value ?? true,
            Description: Text(spec.Description),
            // A declared created_at/updated_at is the generated timestamp (LSG024), not a second column.
            Fields: spec.Fields.Where(f => !NameRules.DeclaresGeneratedTimestamp(f)).ToList(),
            PrimaryKey: pk,
            SpecName: spec.Name.Value,
            RenamedFrom: spec.RenamedFrom?.Value);
    }

    private static string TableOf(EntityShape shape) => shape.ExplicitTable ?? Naming.Pluralize(shape.Module);

    private static string PrimaryKeyNameOf(EntityShape shape) =>
        shape.PrimaryKey is null ? "id" : Naming.ToSnakeCase(shape.PrimaryKey.Name.Value);

    private static string PrimaryKeyTypeOf(EntityShape shape) =>
        shape.PrimaryKey is null ? "uuid" : CanonicalType(shape.PrimaryKey.Type.Value);

    private static EntityModel BuildEntity(
        EntityShape shape, Dictionary<string, EntityShape> byName, Dictionary<string, int> position, IncomingReference? blocking)
    {
        var table = TableOf(shape);
        var plural = Naming.Pluralize(shape.Module);
        var routeName = plural.Replace('_', '-');

        var fields = new List<FieldModel>();
        var deferred = new List<FieldModel>();
        if (shape.PrimaryKey is null)
            fields.Add(SyntheticUuidKey(table));
        foreach (var spec in shape.Fields.OrderBy(f => f.PrimaryKey?.Value == true ? 0 : 1))
        {
            var field = BuildField(spec, table, byName);
            // A foreign key to a table created later (a nullable cycle) is added after all tables exist.
            if (field.References is { } r && r.ClassName != shape.ClassName
                && position[r.ClassName] > position[shape.ClassName])
            {
                field = field with { ForeignKeyDeferred = true };
                deferred.Add(field);
            }
            fields.Add(field);
        }

        var primaryKey = fields[0];
        var data = fields.Skip(1).ToList();
        return new EntityModel(
            ClassName: shape.ClassName,
            Module: shape.Module,
            Plural: plural,
            TableName: table,
            RoutePath: "/" + routeName,
            Tag: routeName,
            Title: Naming.ToTitle(shape.Module),
            Description: shape.Description,
            Crud: shape.Crud,
            PrimaryKey: primaryKey,
            Fields: fields,
            DataFields: data,
            RequiredFields: data.Where(f => f.RequiredOnCreate).ToList(),
            ReferenceFields: data.Where(f => f.References is not null).ToList(),
            NonNullableDataFields: data.Where(f => !f.Nullable).ToList(),
            DeferredForeignKeys: deferred,
            OwnerIndexName: RelationNames.OwnerIndex(table),
            OwnerForeignKeyName: RelationNames.OwnerForeignKey(table),
            Test: PlanTests(shape, data, position, blocking))
        {
            SpecName = shape.SpecName,
            RenamedFrom = shape.RenamedFrom is { } old ? Naming.ToPascalCase(old) : null,
        };
    }

    private static FieldModel SyntheticUuidKey(string table) =>
        MakeField("id", "uuid", table, primaryKey: true, nullable: false, unique: false, index: false,
            maxLength: null, @default: null, references: null, description: null);

    private static FieldModel BuildField(FieldSpec spec, string table, Dictionary<string, EntityShape> byName)
    {
        var name = Naming.ToSnakeCase(spec.Name.Value);
        var type = CanonicalType(spec.Type.Value);
        var primaryKey = spec.PrimaryKey?.Value ?? false;
        var nullable = !primaryKey && (spec.Nullable?.Value ?? true);
        ReferenceModel? reference = null;
        if (spec.References is { } target)
        {
            var targetShape = byName.GetValueOrDefault(Naming.ToPascalCase(target.Value))
                ?? throw Precondition($"field '{name}' references unknown entity '{target.Value}'");
            reference = new ReferenceModel(
                ClassName: targetShape.ClassName,
                Module: targetShape.Module,
                TableName: TableOf(targetShape),
                Column: PrimaryKeyNameOf(targetShape),
                ColumnPath: TableOf(targetShape) + "." + PrimaryKeyNameOf(targetShape),
                OnDelete: nullable ? "SET NULL" : null);
            // The column must hold the target's key, whatever the user wrote.
            type = PrimaryKeyTypeOf(targetShape);
        }
        return MakeField(
            name, type, table, primaryKey, nullable,
            unique: spec.Unique?.Value ?? false,
            index: spec.Index?.Value ?? false,
            maxLength: type == "string" ? spec.MaxLength?.Value ?? DefaultStringMaxLength : null,
            @default: spec.Default is { } d ? NormaliseDefault(type, d.Value, name) : null,
            references: reference,
            description: Text(spec.Description)) with
        {
            SpecName = spec.Name.Value,
            RenamedFrom = spec.RenamedFrom is { } old ? Naming.ToSnakeCase(old.Value) : null,
        };
    }

    private static FieldModel MakeField(
        string name, string type, string table, bool primaryKey, bool nullable, bool unique, bool index,
        long? maxLength, DefaultValue? @default, ReferenceModel? references, UserText? description)
    {
        var mapping = TypeMappings[type];
        var sqlType = type == "string"
            ? "sa.String(" + maxLength!.Value.ToString(CultureInfo.InvariantCulture) + ")"
            : mapping.SqlType;
        return new FieldModel(
            Name: name,
            Type: type,
            PythonType: mapping.PythonType,
            SqlType: sqlType,
            JsonType: mapping.JsonType,
            JsonFormat: mapping.JsonFormat,
            PrimaryKey: primaryKey,
            Identity: primaryKey && type == "integer",
            GeneratedUuid: primaryKey && type == "uuid",
            Nullable: nullable,
            Unique: unique && !primaryKey,
            Index: !primaryKey && (index || references is not null),
            MaxLength: maxLength,
            Default: @default,
            References: references,
            Description: description,
            RequiredOnCreate: !primaryKey && !nullable && @default is null,
            IndexName: RelationNames.Index(table, name),
            UniqueName: RelationNames.Unique(table, name),
            ForeignKeyName: references is null ? "" : RelationNames.ForeignKey(table, name, references.TableName),
            ForeignKeyDeferred: false);
    }

    private sealed record TypeMapping(string PythonType, string SqlType, string JsonType, string? JsonFormat);

    private static readonly Dictionary<string, TypeMapping> TypeMappings = new(StringComparer.Ordinal)
    {
        ["string"] = new("str", "sa.String()", "string", null),
        ["text"] = new("str", "sa.Text()", "string", null),
        ["integer"] = new("int", "sa.Integer()", "integer", null),
        ["float"] = new("float", "sa.Float()", "number", null),
        ["boolean"] = new("bool", "sa.Boolean()", "boolean", null),
        ["datetime"] = new("datetime.datetime", "sa.DateTime(timezone=True)", "string", "date-time"),
        ["uuid"] = new("uuid.UUID", "sa.Uuid()", "string", "uuid"),
    };

    private static string CanonicalType(string written)
    {
        var type = written.Trim().ToLowerInvariant();
        return TypeMappings.ContainsKey(type) ? type : throw Precondition($"unknown field type '{written}'");
    }

    private static DefaultValue NormaliseDefault(string type, ScalarValue value, string field)
    {
        var text = value.Text;
        string normalised = type switch
        {
            "integer" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? l.ToString(CultureInfo.InvariantCulture) : throw BadDefault(field, text, type),
            "float" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? d.ToString("R", CultureInfo.InvariantCulture) : throw BadDefault(field, text, type),
            "boolean" => text.Trim().ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => "true",
                "false" or "no" or "off" => "false",
                _ => throw BadDefault(field, text, type),
            },
            "datetime" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt)
                ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) : throw BadDefault(field, text, type),
            "uuid" => Guid.TryParse(text, out var g) ? g.ToString("D", CultureInfo.InvariantCulture) : throw BadDefault(field, text, type),
            _ => text,
        };
        return new DefaultValue(type, new UserText(normalised));
    }

    // Kahn's algorithm over "references" edges, ties broken by spec order, so the output is stable.
    // Entities left over (a cycle of nullable references) follow in spec order.
    private static List<EntityShape> CreationOrder(List<EntityShape> shapes, Dictionary<string, EntityShape> byName)
    {
        var parents = shapes.ToDictionary(
            s => s.ClassName,
            s => s.Fields.Where(f => f.References is not null)
                .Select(f => Naming.ToPascalCase(f.References!.Value.Value))
                .Where(p => p != s.ClassName && byName.ContainsKey(p))
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<EntityShape>();
        bool progress;
        do
        {
            progress = false;
            foreach (var shape in shapes)
            {
                if (placed.Contains(shape.ClassName) || !parents[shape.ClassName].All(placed.Contains)) continue;
                placed.Add(shape.ClassName);
                order.Add(shape);
                progress = true;
                break; // restart from the top so the earliest ready entity in spec order always wins
            }
        } while (progress);
        order.AddRange(shapes.Where(s => !placed.Contains(s.ClassName)));
        return order;
    }

    // Per entity, the first non-nullable reference to it from another entity, in spec order (one pass).
    private static Dictionary<string, IncomingReference> BlockingReferences(List<EntityShape> shapes)
    {
        var result = new Dictionary<string, IncomingReference>(StringComparer.Ordinal);
        foreach (var child in shapes)
        {
            foreach (var f in child.Fields)
            {
                if (f.References is not { } r || f.PrimaryKey?.Value == true || f.Nullable?.Value != false) continue;
                var target = Naming.ToPascalCase(r.Value);
                if (target != child.ClassName)
                    result.TryAdd(target, new IncomingReference(child.ClassName, child.Module, Naming.ToSnakeCase(f.Name.Value)));
            }
        }
        return result;
    }

    private static TestPlan PlanTests(EntityShape shape, List<FieldModel> data, Dictionary<string, int> position, IncomingReference? blocking)
    {
        // A nullable reference is filled only when its target comes earlier, so factories never recurse.
        var samples = data.Where(f => f.References is not { } r
            || !f.Nullable
            || (r.ClassName != shape.ClassName && position[r.ClassName] < position[shape.ClassName])).ToList();
        var required = data.FirstOrDefault(f => f.RequiredOnCreate);
        return new TestPlan(
            Samples: samples,
            UpdateField: data.FirstOrDefault(f => f.References is null),
            RequiredField: required,
            WrongTypeField: required is null ? data.FirstOrDefault() : null,
            ReferenceField: data.FirstOrDefault(f => f.References is not null),
            BlockingReference: blocking);
    }

    private static IReadOnlyList<IntegrationModel> Integrations(IReadOnlyList<IntegrationSpec> specs)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IntegrationModel>();
        foreach (var spec in specs)
        {
            var baseName = SettingStem(spec.Name.Value);
            if (baseName.Length == 0) baseName = "INTEGRATION_" + (result.Count + 1).ToString(CultureInfo.InvariantCulture);
            var name = baseName + "_API_KEY";
            for (var n = 2; !used.Add(name); n++)
                name = baseName + "_" + n.ToString(CultureInfo.InvariantCulture) + "_API_KEY";
            result.Add(new IntegrationModel(new UserText(spec.Name.Value), Text(spec.Purpose), name));
        }
        return result;
    }

    // "Stripe Payments" → "STRIPE_PAYMENTS"; only ASCII letters and digits survive, so the result is a valid env name.
    private static string SettingStem(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in Naming.ToSnakeCase(name))
        {
            if (c is >= 'a' and <= 'z') sb.Append(char.ToUpperInvariant(c));
            else if (c is >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        var stem = sb.ToString().Trim('_');
        return stem.Length > 0 && char.IsAsciiDigit(stem[0]) ? "X_" + stem : stem;
    }

    private static UserText? Text(Spec.Syntax.Located<string>? value) =>
        value is { } v ? new UserText(v.Value) : null;

    private static string Required(Spec.Syntax.Located<string>? value, string key) =>
        value?.Value ?? throw Precondition($"'{key}' is missing");

    private static InvalidOperationException BadDefault(string field, string text, string type) =>
        Precondition($"default '{text}' of field '{field}' is not a valid {type}");

    private static InvalidOperationException Precondition(string what) =>
        new($"The spec has errors ({what}); run the validator (SpecAnalyzer.Analyze) before compiling.");
}
