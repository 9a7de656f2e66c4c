using LspGen.Spec.Diagnostics;

namespace LspGen.Spec.Syntax;

// The YAML/JSON document as written, before any spec meaning is attached: scalars, mappings and
// sequences with exact source ranges. The loader turns it into a SpecDocument; the language server
// walks it for completion, hover and rename, so it keeps every key token and survives broken input.

/// <summary>One node of the syntax tree.</summary>
public abstract class SyntaxNode(SourceRange range)
{
    public SourceRange Range { get; } = range;
}

/// <summary>How a scalar was written; only <see cref="Plain"/> scalars can be booleans, numbers or null.</summary>
public enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

/// <summary>A scalar token. <see cref="SyntaxNode.Range"/> includes the quotes of a quoted scalar.</summary>
public sealed class ScalarNode(string value, ScalarStyle style, SourceRange range) : SyntaxNode(range)
{
    public string Value { get; } = value;
    public ScalarStyle Style { get; } = style;
    public bool IsQuoted => Style != ScalarStyle.Plain;

    /// <summary>YAML 1.2 core-schema null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>An alias (<c>*name</c>). Aliases are not expanded (see LSG008), so the node only keeps the name.</summary>
public sealed class AliasNode(string name, SourceRange range) : SyntaxNode(range)
{
    public string Name { get; } = name;
}

/// <summary>One <c>key: value</c> pair. <see cref="Value"/> is null when the document ended (or broke) after the key.</summary>
public sealed record MappingEntry(SyntaxNode Key, SyntaxNode? Value)
{
    /// <summary>The key's text when the key is a scalar (the usual case), else null.</summary>
    public string? KeyText => Key is ScalarNode { IsNull: false } s ? s.Value : null;

    public SourceRange Range => Value is null ? Key.Range : new(Key.Range.Start, Max(Key.Range.End, Value.Range.End));

    private static Position Max(Position a, Position b) => a > b ? a : b;
}

/// <summary>A mapping (block or flow). <see cref="IsComplete"/> is false when a syntax error cut it short.</summary>
public sealed class MappingNode(IReadOnlyList<MappingEntry> entries, bool isFlow, bool isComplete, SourceRange range) : SyntaxNode(range)
{
    public IReadOnlyList<MappingEntry> Entries { get; } = entries;
    public bool IsFlow { get; } = isFlow;
    public bool IsComplete { get; } = isComplete;

    /// <summary>The first entry whose key is <paramref name="key"/> (ordinal), or null.</summary>
    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.KeyText == key);
}

/// <summary>A sequence (block or flow). <see cref="IsComplete"/> is false when a syntax error cut it short.</summary>
public sealed class SequenceNode(IReadOnlyList<SyntaxNode> items, bool isFlow, bool isComplete, SourceRange range) : SyntaxNode(range)
{
    public IReadOnlyList<SyntaxNode> Items { get; } = items;
    public bool IsFlow { get; } = isFlow;
    public bool IsComplete { get; } = isComplete;
}

/// <summary>
/// The result of parsing: the root node (null for an empty document or one that broke before its first
/// node), the syntax diagnostics (LSG001, LSG007, LSG008) and the text's line map.
/// </summary>
public sealed record SyntaxTree(string Text, SyntaxNode? Root, IReadOnlyList<Diagnostic> Diagnostics, LineMap Lines)
{
    public bool HasSyntaxErrors => Diagnostics.Any(d => d.Code == Descriptors.SyntaxError.Id);

    /// <summary>The range of the whole text.</summary>
    public SourceRange FullRange => new(new Position(0, 0), Lines.PositionAt(Text.Length));

    /// <summary>
    /// The nodes containing <paramref name="position"/>, outermost first, with the key under which each
    /// was found (null for the root and for sequence items); what completion and hover need to know
    /// "where am I". Keys are reported as nodes too, so the last element may be a key scalar.
    /// </summary>
    public IReadOnlyList<(string? Key, SyntaxNode Node)> PathAt(Position position)
    {
        var path = new List<(string?, SyntaxNode)>();
        var node = Root;
        string? key = null;
        while (node is not null && node.Range.Contains(position))
        {
            path.Add((key, node));
            SyntaxNode? next = null;
            key = null;
            switch (node)
            {
                case MappingNode map:
                    foreach (var entry in map.Entries)
                    {
                        if (entry.Key.Range.Contains(position)) { next = entry.Key; key = entry.KeyText; break; }
                        if (entry.Value is not null && entry.Value.Range.Contains(position)) { next = entry.Value; key = entry.KeyText; break; }
                    }
                    break;
                case SequenceNode seq:
                    next = seq.Items.FirstOrDefault(i => i.Range.Contains(position));
                    break;
            }
            node = next;
        }
        return path;
    }
}
