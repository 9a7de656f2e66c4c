using LspGen.Spec.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace LspGen.Spec.Syntax;

/// <summary>
/// Text → <see cref="SyntaxTree"/>, built from YamlDotNet's parser events so every node keeps its exact
/// range. Tolerant: a syntax error becomes LSG001 and the tree parsed so far is returned, with the
/// containers the error cut short marked incomplete. Safe on hostile input: aliases are never expanded
/// (LSG008), nesting is limited to <see cref="MaxDepth"/>, the text to <see cref="MaxLength"/>
/// characters, and the tree is built with an explicit stack (no recursion), so cost is linear in the text.
/// </summary>
public static class YamlSyntax
{
    /// <summary>A spec is at most ~6 levels deep; 64 leaves room for odd-but-valid YAML and stops stack bombs.</summary>
    public const int MaxDepth = 64;

    /// <summary>8 MiB of text: far beyond any real spec, small enough to analyse in well under a second.</summary>
    public const int MaxLength = 8 * 1024 * 1024;

    public static SyntaxTree Parse(string text)
    {
        var lines = new LineMap(text);
        if (text.Length > MaxLength)
        {
            var message = FormattableString.Invariant($"the spec is {text.Length} characters long, more than the limit of {MaxLength}");
            return new SyntaxTree(text, null, [Diagnostic.Create(Descriptors.SyntaxError, SourceRange.At(0, 0), message)], lines);
        }
        var offset = text.StartsWith('\uFEFF') ? 1 : 0;
        var builder = new TreeBuilder(text, lines, offset, text.Length, depth: 0);
        builder.Run();
        return new SyntaxTree(text, builder.Root, InDocumentOrder(builder.Diagnostics), lines);
    }

    /// <summary>
    /// Parses only <c>text[start..end)</c> as if it were a document of its own, with ranges in the
    /// coordinates of the whole <paramref name="text"/> (<paramref name="lines"/> is its line map) and
    /// nesting counted from <paramref name="depth"/> open containers. The incremental analyzer parses one
    /// entity block this way; it decides whether the result may stand in for a full parse.
    /// </summary>
    internal static (SyntaxNode? Root, IReadOnlyList<Diagnostic> Diagnostics) ParseRange(string text, LineMap lines, int start, int end, int depth)
    {
        var builder = new TreeBuilder(text, lines, start, end, depth);
        builder.Run();
        return (builder.Root, InDocumentOrder(builder.Diagnostics));
    }

    // The builder reports a duplicate key when its mapping closes, so its own order is not the text's;
    // sorted, a tree assembled from parts (IncrementalAnalyzer) lists them exactly as a full parse does.
    private static List<Diagnostic> InDocumentOrder(List<Diagnostic> diagnostics) =>
        diagnostics.Count < 2 ? diagnostics : [.. SpecAnalyzer.Sort(diagnostics)];

    // A frame holds either sequence items or mapping entries, never both: one list per container is
    // about a tenth of what a spec's parse allocates besides YamlDotNet's own tokens.
    private sealed class Frame(bool isMapping, bool isFlow, Position start)
    {
        public bool IsMapping { get; } = isMapping;
        public bool IsFlow { get; } = isFlow;
        public Position Start { get; } = start;
        public List<SyntaxNode>? Items { get; } = isMapping ? null : [];
        public List<MappingEntry>? Entries { get; } = isMapping ? [] : null;
        public SyntaxNode? PendingKey { get; set; }
        public Position LastEnd { get; set; } = start;
    }

    // Parses text[offset..stop): YamlDotNet treats a byte order mark as part of the first scalar, so a full
    // parse starts after it; a range parse starts at the range. Every offset YamlDotNet reports is relative
    // to that start, so it is shifted by it.
    private sealed class TreeBuilder(string text, LineMap lines, int offset, int stop, int depth)
    {
        private readonly int _offset = offset;
        private readonly Stack<Frame> _stack = new();
        private Position _lastEnd;

        public SyntaxNode? Root { get; private set; }
        public List<Diagnostic> Diagnostics { get; } = [];

        public void Run()
        {
            var parser = new Parser(new Scanner(new StringReader(text[_offset..stop]), skipComments: true));
            var documents = 0;
            while (true)
            {
                ParsingEvent? ev;
                try
                {
                    if (!parser.MoveNext()) break;
                    ev = parser.Current;
                }
                catch (YamlException ex)
                {
                    Fail(Widen(RangeOf(ex.Start, ex.End)), Describe(ex));
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Only YamlDotNet's MoveNext runs in this try. On some truncated inputs it throws other
                    // exceptions than YamlException (16.3: InvalidOperationException for an unclosed flow
                    // sequence at the end of the text); for us every failure to parse is a syntax error.
                    Fail(Widen(new SourceRange(lines.PositionAt(stop), lines.PositionAt(stop))),
                        "the document ends in the middle of a value (an unclosed '[', '{' or quote?)");
                    return;
                }
                switch (ev)
                {
                    case DocumentStart start:
                        if (++documents > 1)
                        {
                            Diagnostics.Add(Diagnostic.Create(Descriptors.SyntaxError, RangeOf(start.Start, start.End),
                                "a spec is a single YAML document; remove this second document (and its '---')"));
                            return;
                        }
                        break;
                    case MappingStart m:
                        if (!Push(new Frame(true, m.Style == MappingStyle.Flow, PositionOf(m.Start)))) return;
                        break;
                    case SequenceStart s:
                        if (!Push(new Frame(false, s.Style == SequenceStyle.Flow, PositionOf(s.Start)))) return;
                        break;
                    case MappingEnd or SequenceEnd:
                        Add(Close(_stack.Pop(), ev, complete: true));
                        break;
                    case Scalar sc:
                        Add(new ScalarNode(sc.Value, StyleOf(sc.Style), RangeOf(sc.Start, sc.End)));
                        break;
                    case AnchorAlias alias:
                        var range = RangeOf(alias.Start, alias.End);
                        Diagnostics.Add(Diagnostic.Create(Descriptors.AliasNotSupported, range, alias.Value.Value));
                        Add(new AliasNode(alias.Value.Value, range));
                        break;
                }
            }
        }

        private bool Push(Frame frame)
        {
            if (_stack.Count + depth >= MaxDepth)
            {
                var at = frame.Start;
                Fail(new SourceRange(at, new Position(at.Line, at.Character + 1)),
                    FormattableString.Invariant($"nesting deeper than {MaxDepth} levels; a spec never needs that"));
                return false;
            }
            _stack.Push(frame);
            return true;
        }

        private void Add(SyntaxNode node)
        {
            if (node.Range.End > _lastEnd) _lastEnd = node.Range.End;
            if (_stack.Count == 0)
            {
                Root ??= node;
                return;
            }
            var frame = _stack.Peek();
            frame.LastEnd = node.Range.End;
            if (!frame.IsMapping) frame.Items!.Add(node);
            else if (frame.PendingKey is null) frame.PendingKey = node;
            else
            {
                frame.Entries!.Add(new MappingEntry(frame.PendingKey, node));
                frame.PendingKey = null;
            }
        }

        private SyntaxNode Close(Frame frame, ParsingEvent? end, bool complete)
        {
            var endPos = frame.LastEnd;
            // A flow collection ends after its closing bracket; YamlDotNet's end event starts at it.
            if (end is not null && frame.IsFlow)
            {
                var at = (int)end.Start.Index + _offset;
                if (at < stop && text[at] is ']' or '}') endPos = lines.PositionAt(at + 1);
            }
            if (frame.IsMapping && frame.PendingKey is not null) frame.Entries!.Add(new MappingEntry(frame.PendingKey, null));
            var range = new SourceRange(frame.Start, endPos < frame.Start ? frame.Start : endPos);
            if (range.End > _lastEnd) _lastEnd = range.End;
            return frame.IsMapping
                ? ReportDuplicates(new MappingNode(frame.Entries!, frame.IsFlow, complete, range))
                : new SequenceNode(frame.Items!, frame.IsFlow, complete, range);
        }

        // Most spec mappings have two to five keys: comparing each key with the ones before it is then
        // cheaper than a dictionary per mapping; larger mappings use one, so the check stays linear.
        private const int SmallMapping = 8;

        private MappingNode ReportDuplicates(MappingNode map)
        {
            var entries = map.Entries;
            if (entries.Count <= SmallMapping)
            {
                for (var i = 1; i < entries.Count; i++)
                {
                    if (entries[i].KeyText is not { } key) continue;
                    for (var j = 0; j < i; j++)
                    {
                        if (entries[j].KeyText != key) continue;
                        ReportDuplicate(entries[i], entries[j], key);
                        break;
                    }
                }
                return map;
            }
            var seen = new Dictionary<string, MappingEntry>(entries.Count, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry.KeyText is not { } key) continue;
                if (seen.TryGetValue(key, out var first)) ReportDuplicate(entry, first, key);
                else seen[key] = entry;
            }
            return map;
        }

        private void ReportDuplicate(MappingEntry entry, MappingEntry first, string key) =>
            Diagnostics.Add(Diagnostic.Create(Descriptors.DuplicateKey, entry.Key.Range, key)
                .WithRelated(new RelatedLocation(first.Key.Range, FormattableString.Invariant($"'{key}' is first set here"))));

        /// <summary>Records a syntax error and closes every open container, keeping what was parsed.</summary>
        private void Fail(SourceRange range, string message)
        {
            Diagnostics.Add(Diagnostic.Create(Descriptors.SyntaxError, range, message));
            while (_stack.Count > 0) Add(Close(_stack.Pop(), null, complete: false));
        }

        /// <summary>
        /// YamlDotNet often reports an error as an empty range (at a ':' or at the end of the text), which
        /// an editor can barely show; then the line with the error (or the last non-blank line before it) is used.
        /// </summary>
        private SourceRange Widen(SourceRange range)
        {
            if (range.Start != range.End) return range;
            for (var line = range.Start.Line; line >= 0; line--)
            {
                var content = lines.LineContent(line);
                if (content.Start != content.End) return content;
            }
            return range;
        }

        // Events arrive in text order, so the line of the previous position is a near-perfect guess.
        private int _lineHint;

        private Position PositionOf(Mark mark) => lines.PositionAt(mark.Index + _offset, ref _lineHint);

        private SourceRange RangeOf(Mark start, Mark end)
        {
            var s = PositionOf(start);
            var e = PositionOf(end);
            return new SourceRange(s, e < s ? s : e);
        }

        private static ScalarStyle StyleOf(YamlScalarStyle style) => style switch
        {
            YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
            YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
            YamlScalarStyle.Literal => ScalarStyle.Literal,
            YamlScalarStyle.Folded => ScalarStyle.Folded,
            _ => ScalarStyle.Plain,
        };

        // YamlDotNet messages start with its own position ("(Line: 2, Col: 3, Idx: 7) - (...): ");
        // ours is in the range already, so only the explanation is kept.
        private static string Describe(YamlException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0) message = message[(cut + 3)..];
            message = message.TrimEnd('.');
            return message.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(message[0]) + message[1..]
                + " (check the indentation, colons and quotes here)";
        }
    }
}
