using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Go to definition and find references for entity names (declarations and <c>references:</c> values).</summary>
public static class Navigation
{
    /// <summary>The name of the entity declared or referenced at <paramref name="position"/>, or null.</summary>
    public static SourceRange? DefinitionAt(IdeDocument doc, Position position)
    {
        if (doc.Kind != DocumentKind.Spec) return null;
        return doc.Outline.EntityAt(doc.Clamp(position)) is { Entity.Name: { } name } ? name.Range : null;
    }

    /// <summary>Every <c>references:</c> value naming the entity at <paramref name="position"/>, in document order.</summary>
    public static IReadOnlyList<SourceRange> ReferencesAt(IdeDocument doc, Position position, bool includeDeclaration)
    {
        if (doc.Kind != DocumentKind.Spec || doc.Outline.EntityAt(doc.Clamp(position)) is not { } hit) return [];
        var ranges = doc.Outline.ReferencesTo(hit.Entity).Select(r => r.Range).ToList();
        if (includeDeclaration && hit.Entity.Name is { } name) ranges.Insert(0, name.Range);
        return ranges;
    }
}
