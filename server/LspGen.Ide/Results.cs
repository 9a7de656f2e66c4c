using LspGen.Spec.Diagnostics;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

// The small result types of the language features. They know nothing about LSP or JSON: the server
// layer maps them (to_proto), so features are unit-tested without a client.

/// <summary>A replacement of <see cref="Range"/> by <see cref="NewText"/> (an insertion when the range is empty).</summary>
public sealed record TextEdit(SourceRange Range, string NewText);

/// <summary>What a completion item stands for (the server maps it to an editor icon).</summary>
public enum CompletionKind { Key, Value, FieldType, Entity, Snippet }

/// <summary>
/// One completion proposal. <see cref="InsertText"/> replaces <see cref="ReplaceRange"/> (a single-line range
/// containing the caret; null = the word at the caret). Multi-line insert texts already carry the absolute
/// indentation of every line, so the client must insert them as they are (LSP insertTextMode asIs).
/// <see cref="IsSnippet"/>: the text uses snippet syntax (${1:placeholder}, ${1|a,b|}, $0).
/// </summary>
public sealed record CompletionItem(
    string Label,
    CompletionKind Kind,
    string? Detail,
    string? Documentation,
    string InsertText,
    bool IsSnippet,
    SourceRange? ReplaceRange,
    string SortText,
    bool Preselect);

/// <summary>Markdown shown on hover, for the token at <see cref="Range"/>.</summary>
public sealed record HoverInfo(string Markdown, SourceRange Range);

/// <summary>Kinds of code actions, with LSP's spelling ("quickfix") because editors filter on it.</summary>
public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
}

/// <summary>A fix: edits to this document, and the diagnostics it resolves.</summary>
public sealed record CodeAction(string Title, string Kind, bool IsPreferred, IReadOnlyList<TextEdit> Edits, IReadOnlyList<Diagnostic> Fixes);

/// <summary>What a document symbol is in spec terms (the server picks the editor icon).</summary>
public enum SymbolKind { Setting, Block, List, Entity, Field, UserStory, Integration }

/// <summary>An outline node: <see cref="Range"/> covers the whole construct, <see cref="SelectionRange"/> its name.</summary>
public sealed record Symbol(string Name, SymbolKind Kind, string? Detail, SourceRange Range, SourceRange SelectionRange, IReadOnlyList<Symbol> Children);

/// <summary>Whether a fold is a comment block or a YAML block.</summary>
public enum FoldingKind { Region, Comment }

/// <summary>A foldable line span (both lines 0-based, inclusive; EndLine &gt; StartLine).</summary>
public sealed record FoldingRange(int StartLine, int EndLine, FoldingKind Kind);

/// <summary>
/// A code lens. <see cref="CommandId"/> null means an informational lens (no action). Arguments are the
/// command's arguments beyond the document itself: the server prepends the document URI.
/// </summary>
public sealed record CodeLens(SourceRange Range, string Title, string? CommandId, IReadOnlyList<string> Arguments);

/// <summary>Answer to "can the thing at the caret be renamed?": a range and placeholder, or the reason why not.</summary>
public sealed record RenamePreparation(SourceRange? Range, string? Placeholder, string? RefusalReason)
{
    public bool CanRename => Range is not null;

    public static RenamePreparation Allowed(SourceRange range, string placeholder) => new(range, placeholder, null);

    public static RenamePreparation Refused(string reason) => new(null, null, reason);
}

/// <summary>The edits of a rename, or why it cannot be done (invalid new name, collision).</summary>
public sealed record RenameResult(IReadOnlyList<TextEdit> Edits, string? Error)
{
    public bool Succeeded => Error is null;

    public static RenameResult Ok(IReadOnlyList<TextEdit> edits) => new(edits, null);

    public static RenameResult Failed(string error) => new([], error);
}
