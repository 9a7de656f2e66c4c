using LspGen.Spec;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>One item of <c>entities:</c> as syntax nodes. <see cref="Name"/> is null when the item has no scalar name yet.</summary>
internal sealed record EntityNode(MappingNode Item, ScalarNode? Name, MappingEntry? FieldsEntry, IReadOnlyList<FieldNode> Fields)
{
    /// <summary>The name as the validator compares it (snake_case), or null without a name.</summary>
    public string? Key => Name is null ? null : Naming.ToSnakeCase(Name.Value);
}

/// <summary>One item of an entity's <c>fields:</c> as syntax nodes.</summary>
internal sealed record FieldNode(MappingNode Item, ScalarNode? Name, ScalarNode? Type, ScalarNode? References);

/// <summary>
/// The entities and fields of a syntax tree, keeping the scalar nodes themselves (quote style, exact
/// ranges) that rename and quick fixes edit. Built once per document; whatever the tree holds (also a
/// tree cut short by a syntax error) is indexed.
/// </summary>
internal sealed class SpecOutline
{
    private SpecOutline(MappingNode? root, SequenceNode? entityList, IReadOnlyList<EntityNode> entities)
    {
        Root = root;
        EntityList = entityList;
        Entities = entities;
        foreach (var entity in entities)
        {
            if (entity.Key is { Length: > 0 } key) _byKey.TryAdd(key, entity);
        }
    }

    private readonly Dictionary<string, EntityNode> _byKey = new(StringComparer.Ordinal);

    public MappingNode? Root { get; }
    public SequenceNode? EntityList { get; }
    public IReadOnlyList<EntityNode> Entities { get; }

    public static SpecOutline Of(SyntaxTree tree)
    {
        if (tree.Root is not MappingNode root) return new SpecOutline(null, null, []);
        if (root.Find("entities")?.Value is not SequenceNode list) return new SpecOutline(root, null, []);
        var entities = new List<EntityNode>();
        foreach (var item in list.Items.OfType<MappingNode>())
        {
            var fieldsEntry = item.Find("fields");
            var fields = fieldsEntry?.Value is SequenceNode fieldList
                ? fieldList.Items.OfType<MappingNode>().Select(f => new FieldNode(f, ScalarOf(f, "name"), ScalarOf(f, "type"), ScalarOf(f, "references"))).ToList()
                : [];
            entities.Add(new EntityNode(item, ScalarOf(item, "name"), fieldsEntry, fields));
        }
        return new SpecOutline(root, list, entities);
    }

    /// <summary>The non-empty scalar value of <paramref name="key"/>, or null.</summary>
    public static ScalarNode? ScalarOf(MappingNode map, string key) =>
        map.Find(key)?.Value is ScalarNode { IsNull: false } s ? s : null;

    /// <summary>The first entity whose name means <paramref name="name"/> (same snake_case), as the validator resolves references.</summary>
    public EntityNode? Resolve(string name)
    {
        var key = Naming.ToSnakeCase(name);
        return key.Length > 0 && _byKey.TryGetValue(key, out var entity) ? entity : null;
    }

    /// <summary>Every <c>references:</c> value that resolves to <paramref name="entity"/>.</summary>
    public IEnumerable<ScalarNode> ReferencesTo(EntityNode entity) =>
        Entities.SelectMany(e => e.Fields)
            .Select(f => f.References)
            .OfType<ScalarNode>()
            .Where(r => ReferenceEquals(Resolve(r.Value), entity));

    /// <summary>The entity declared by, or referenced at, <paramref name="position"/>, with the scalar under the caret.</summary>
    public (EntityNode Entity, ScalarNode Token, bool IsDeclaration)? EntityAt(Position position)
    {
        foreach (var entity in Entities)
        {
            if (entity.Name is { } name && name.Range.Contains(position)) return (entity, name, true);
            if (!entity.Item.Range.Contains(position)) continue;
            foreach (var field in entity.Fields)
            {
                if (field.References is { } reference && reference.Range.Contains(position))
                    return Resolve(reference.Value) is { } target ? (target, reference, false) : null;
            }
        }
        return null;
    }
}
