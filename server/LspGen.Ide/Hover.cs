using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Documentation of the key, type or entity under the caret.</summary>
public static class Hover
{
    public static HoverInfo? At(IdeDocument doc, Position position)
    {
        if (doc.Kind != DocumentKind.Spec) return null;
        return null;
    }
}
