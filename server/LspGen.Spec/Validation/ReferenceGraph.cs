using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Validation;

/// <summary>
/// References between entities: unknown targets (LSG018), a reference field whose type is not the
/// target's key type (LSG020), a target written in other casing (LSG021) and cycles of non-nullable
/// references (LSG019), which would make every row of the cycle impossible to insert first.
/// </summary>
internal static class ReferenceGraph
{
    private sealed record Edge(int From, int To, FieldSpec Field);

    public static void Validate(IReadOnlyList<EntityInfo> entities, bool authEnabled, List<Diagnostic> diagnostics)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Count; i++)
        {
            if (entities[i].SnakeName is { } snake) index.TryAdd(snake, i);
        }

        var edges = new List<Edge>[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            edges[i] = [];
            foreach (var field in entities[i].Entity.Fields)
            {
                if (field.References is not { } reference) continue;
                if (!index.TryGetValue(SpecValidator.SnakeCaseOf(reference.Value), out var target))
                {
                    ReportUnknown(field, reference, index.Keys.Select(k => entities[index[k]].Entity.Name.Value), authEnabled, diagnostics);
                    continue;
                }
                var targetInfo = entities[target];
                var canonical = Naming.ToPascalCase(targetInfo.Entity.Name.Value);
                if (reference.Value != canonical)
                    diagnostics.Add(Diagnostic.Create(Descriptors.NonCanonicalName, reference.Range, SpecValidator.Short(reference.Value),
                        "the entity's PascalCase name", canonical).WithData("replacement", canonical));
                if (FieldTypes.IsCanonical(field.Type.Value) && field.Type.Value != targetInfo.PrimaryKeyType)
                    diagnostics.Add(Diagnostic.Create(Descriptors.OptionNotValidForType, SpecValidator.Key(field, "references", reference.Range),
                            "references",
                            FormattableString.Invariant($"'{SpecValidator.Short(field.Name.Value)}' is {field.Type.Value}, but the primary key of {canonical} is {targetInfo.PrimaryKeyType}; make the field 'type: {targetInfo.PrimaryKeyType}'"))
                        .WithData("replacement", targetInfo.PrimaryKeyType));
                var nonNullable = field.Nullable?.Value == false || field.PrimaryKey?.Value == true;
                if (nonNullable) edges[i].Add(new Edge(i, target, field));
            }
        }
        ReportCycles(entities, edges, diagnostics);
    }

    private static void ReportUnknown(FieldSpec field, Located<string> reference, IEnumerable<string> declared, bool authEnabled,
        List<Diagnostic> diagnostics)
    {
        if (authEnabled && Naming.ToPascalCase(reference.Value) == "User")
        {
            diagnostics.Add(Diagnostic.Create(Descriptors.UnknownEntityReference, reference.Range, SpecValidator.Short(field.Name.Value),
                SpecValidator.Short(reference.Value),
                "; the authenticated user is not an entity, and every row already belongs to its user through the generated 'user_id' column, so remove this field"));
            return;
        }
        var names = declared.ToList();
        var suggestion = Suggestions.Nearest(reference.Value, names);
        var hint = suggestion is not null
            ? FormattableString.Invariant($"; did you mean '{suggestion}'?")
            : names.Count == 0 ? "" : "; declared entities: " + string.Join(", ", names.Take(10).Select(SpecValidator.Short)) + (names.Count > 10 ? ", …" : "");
        var diagnostic = Diagnostic.Create(Descriptors.UnknownEntityReference, reference.Range, SpecValidator.Short(field.Name.Value),
            SpecValidator.Short(reference.Value), hint);
        diagnostics.Add(suggestion is null ? diagnostic : diagnostic.WithData("replacement", Naming.ToPascalCase(suggestion)));
    }

    /// <summary>
    /// Tarjan's strongly connected components, iteratively (a spec with thousands of entities in a chain
    /// must not overflow the stack). Each component with a cycle is reported once, on its first edge in
    /// document order, with the other edges of the cycle as related locations.
    /// </summary>
    private static void ReportCycles(IReadOnlyList<EntityInfo> entities, List<Edge>[] edges, List<Diagnostic> diagnostics)
    {
        var n = entities.Count;
        var order = new int[n];
        var low = new int[n];
        var component = new int[n];
        var onStack = new bool[n];
        Array.Fill(order, -1);
        Array.Fill(component, -1);
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int NextEdge)>();
        var counter = 0;
        var components = 0;

        for (var root = 0; root < n; root++)
        {
            if (order[root] >= 0) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                if (next == 0 && order[node] < 0)
                {
                    order[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }
                if (next < edges[node].Count)
                {
                    work.Push((node, next + 1));
                    var to = edges[node][next].To;
                    if (order[to] < 0) work.Push((to, 0));
                    else if (onStack[to]) low[node] = Math.Min(low[node], order[to]);
                    continue;
                }
                if (low[node] == order[node])
                {
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component[member] = components;
                    } while (member != node);
                    components++;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        var cycleEdges = new Dictionary<int, List<Edge>>();
        for (var i = 0; i < n; i++)
        {
            foreach (var edge in edges[i])
            {
                if (component[edge.From] != component[edge.To]) continue;
                if (!cycleEdges.TryGetValue(component[edge.From], out var list)) cycleEdges[component[edge.From]] = list = [];
                list.Add(edge);
            }
        }
        foreach (var list in cycleEdges.Values.OrderBy(l => l[0].From).ThenBy(l => l[0].Field.Range.Start))
        {
            var first = list[0];
            var members = list.Select(e => e.From).Distinct().Order().ToList();
            var names = string.Join(", ", members.Take(10).Select(i => "'" + SpecValidator.Short(Naming.ToPascalCase(entities[i].Entity.Name.Value)) + "'"))
                + (members.Count > 10 ? FormattableString.Invariant($" and {members.Count - 10} more") : "");
            var diagnostic = Diagnostic.Create(Descriptors.ReferenceCycle, first.Field.References!.Value.Range, names);
            diagnostics.Add(diagnostic.WithRelated([.. list.Skip(1).Select(e => new RelatedLocation(e.Field.References!.Value.Range,
                FormattableString.Invariant($"'{SpecValidator.Short(e.Field.Name.Value)}' of {SpecValidator.Short(entities[e.From].Entity.Name.Value)} is also part of the cycle")))]));
        }
    }
}
