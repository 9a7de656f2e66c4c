using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Completion at the caret, also in half-typed and invalid YAML.</summary>
public static class Completion
{
    public static IReadOnlyList<CompletionItem> At(IdeDocument doc, Position caret)
    {
        if (doc.Kind != DocumentKind.Spec) return [];
        return [];
    }
}
