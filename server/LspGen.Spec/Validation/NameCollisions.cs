using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Validation;

/// <summary>
/// Names that two entities would share in the generated project although each is fine alone: the
/// database objects derived from tables and fields (LSG025), and the routes (LSG026). Duplicate
/// entity and table names themselves are LSG010 and LSG017.
/// </summary>
internal static class NameCollisions
{
    private sealed record Owner(string What, SourceRange? Range);

    public static void Validate(IReadOnlyList<EntityInfo> entities, bool authEnabled, List<Diagnostic> diagnostics)
    {
        var relations = new Dictionary<string, Owner>(StringComparer.Ordinal);
        if (authEnabled)
        {
            // Authentication's own table; its name itself is reserved (LSG016), its derived names are not.
            relations["users_pkey"] = new Owner("the primary key of authentication's 'users' table", null);
            relations["uq_users_email"] = new Owner("the unique e-mail constraint of authentication's 'users' table", null);
        }
        var routes = new Dictionary<string, EntityInfo>(StringComparer.Ordinal);

        foreach (var info in entities)
        {
            var entity = info.Entity;
            var entityName = SpecValidator.Short(entity.Name.Value);
            if (info.TableName is { } table)
            {
                var tableRange = entity.TableName?.Range ?? entity.Name.Range;
                Claim(relations, table, $"the table of entity '{entityName}'", tableRange, diagnostics);
                Claim(relations, RelationNames.PrimaryKey(table), $"the primary key of table '{table}'", tableRange, diagnostics);
                if (authEnabled)
                    Claim(relations, RelationNames.OwnerIndex(table), $"the owner index of table '{table}'", tableRange, diagnostics);

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var field in entity.Fields)
                {
                    if (!SpecValidator.IsWritten(field.Name)) continue;
                    var column = SpecValidator.SnakeCaseOf(field.Name.Value);
                    if (!seen.Add(column) || NameRules.DeclaresGeneratedTimestamp(field)) continue;
                    var range = field.Name.Range;
                    if (field.PrimaryKey?.Value == true)
                    {
                        if (string.Equals(field.Type.Value, FieldTypes.Integer, StringComparison.Ordinal))
                            Claim(relations, RelationNames.IdentitySequence(table, column), $"the sequence of '{table}.{column}'", range, diagnostics);
                        continue;
                    }
                    if (field.Unique?.Value == true)
                        Claim(relations, RelationNames.Unique(table, column), $"the unique constraint of '{table}.{column}'", range, diagnostics);
                    if (field.Index?.Value == true || field.References is not null)
                        Claim(relations, RelationNames.Index(table, column), $"the index of '{table}.{column}'", range, diagnostics);
                }
            }

            // Only entities with endpoints have a route; a duplicate or reserved name is reported already.
            if (info.SnakeName is { } snake && entity.Crud?.Value != false && info.TableName is not null)
            {
                var route = Naming.Pluralize(snake).Replace('_', '-');
                if (routes.TryGetValue(route, out var first))
                    diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateRoute, entity.Name.Range, entityName, route, SpecValidator.Short(first.Entity.Name.Value))
                        .WithRelated(new RelatedLocation(first.Entity.Name.Range, $"'/{route}' of entity '{SpecValidator.Short(first.Entity.Name.Value)}'")));
                else routes[route] = info;
            }
        }
    }

    private static void Claim(Dictionary<string, Owner> relations, string name, string what, SourceRange range, List<Diagnostic> diagnostics)
    {
        if (!relations.TryGetValue(name, out var first))
        {
            relations[name] = new Owner(what, range);
            return;
        }
        var diagnostic = Diagnostic.Create(Descriptors.DuplicateRelationName, range, name, what, first.What);
        diagnostics.Add(first.Range is { } firstRange ? diagnostic.WithRelated(new RelatedLocation(firstRange, first.What)) : diagnostic);
    }
}
