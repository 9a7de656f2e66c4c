using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>Which mapping of the spec format a key belongs to.</summary>
internal enum SpecLevel { Top, Database, Auth, Entity, Field, UserStory, Integration, Unknown }

/// <summary>What the caret is about to write.</summary>
internal enum CaretSlot
{
    /// <summary>Nothing sensible (inside a comment, a flow collection, a block scalar, the indentation of a line).</summary>
    None,

    /// <summary>A key of the mapping at <see cref="CaretContext.Level"/>.</summary>
    Key,

    /// <summary>The value of <see cref="CaretContext.Key"/>, in the mapping at <see cref="CaretContext.Level"/>.</summary>
    Value,

    /// <summary>A new item of the list <see cref="CaretContext.ListKey"/> (the caret is where its "- " goes).</summary>
    ListItem,
}

/// <summary>
/// Where the caret is in the spec, worked out from the raw lines by indentation, so it works on the text
/// as it is while typing (half-typed keys, a value missing after "type:", a document cut in the middle
/// of an entity), where a YAML parser stops at the first error. A stack of open block mappings and lists
/// is built from the caret's ancestor lines only (so cost follows the size of the caret's mapping, not of
/// the document); a one-line flow collection at the caret ({…}, […], JSON) is read bracket by bracket.
/// Multi-line flow collections (pretty-printed JSON) are not understood: no completion there.
/// </summary>
internal sealed record CaretContext(
    CaretSlot Slot,
    SpecLevel Level,
    string? Key,
    string? ListKey,
    IReadOnlySet<string> PresentKeys,
    /// <summary>The token being typed (key, value or the "- " item start), on the caret line; contains the caret.</summary>
    SourceRange TokenRange,
    /// <summary>The text of <see cref="TokenRange"/>.</summary>
    string Token,
    /// <summary>Column where the keys of the caret's mapping start (the dash column for <see cref="CaretSlot.ListItem"/>).</summary>
    int Column,
    /// <summary>The caret line has a ':' after the key being typed (so completing a key must not add one).</summary>
    bool ColonFollows,
    /// <summary>The caret line starts a list item ("- " before the key being typed).</summary>
    bool StartsItem,
    /// <summary>Column of that "- ", when <see cref="StartsItem"/>.</summary>
    int DashColumn)
{
    /// <summary>The caret is inside a one-line flow collection ({…} or […]): insert texts must stay on one line.</summary>
    public bool InFlow { get; init; }

    /// <summary>The quote the token starts with ('"' in JSON), or '\0'; completions keep it.</summary>
    public char Quote { get; init; }

    private static readonly HashSet<string> NoKeys = [];

    public static readonly IReadOnlySet<string> ListKeys = new HashSet<string>(StringComparer.Ordinal)
        { "entities", "fields", "user_stories", "integrations" };

    public static CaretContext At(IdeDocument doc, Position caret) => At(doc, caret, exhaustive: false);

    /// <summary><paramref name="exhaustive"/>: read every line above the caret (the reference the fast path is tested against).</summary>
    internal static CaretContext At(IdeDocument doc, Position caret, bool exhaustive)
    {
        caret = doc.Clamp(caret);
        var scanner = new Scanner(doc);
        return scanner.Run(caret, exhaustive);
    }

    /// <summary>
    /// Names of the entities declared anywhere in the text, in order, also below a syntax error (the
    /// syntax tree stops there). One pass over all lines; <see cref="IdeDocument"/> caches it.
    /// </summary>
    public static IReadOnlyList<string> EntityNamesIn(IdeDocument doc)
    {
        var scanner = new Scanner(doc);
        scanner.FeedAll();
        return scanner.EntityNames;
    }

    private static CaretContext Nothing(Position caret) =>
        new(CaretSlot.None, SpecLevel.Unknown, null, null, NoKeys, new SourceRange(caret, caret), "", 0, false, false, 0);

    /// <summary>The level of the mapping whose path (list keys with "[]") is <paramref name="path"/>.</summary>
    public static SpecLevel LevelOf(string path) => path switch
    {
        "" => SpecLevel.Top,
        "database" => SpecLevel.Database,
        "auth" => SpecLevel.Auth,
        "entities[]" => SpecLevel.Entity,
        "entities[].fields[]" => SpecLevel.Field,
        "user_stories[]" => SpecLevel.UserStory,
        "integrations[]" => SpecLevel.Integration,
        _ => SpecLevel.Unknown,
    };

    /// <summary>An open block container. Item mappings of a list have <see cref="Segment"/> null.</summary>
    private sealed class Frame(bool isList, int column, string path)
    {
        public bool IsList { get; } = isList;
        public int Column { get; } = column;

        /// <summary>"entities[].fields[]" for a field mapping; list frames end with "[]" too.</summary>
        public string Path { get; } = path;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        /// <summary>The last key of this mapping when its value is still to come on the next lines.</summary>
        public string? PendingKey { get; set; }

        /// <summary>Popped: a line less indented ended it.</summary>
        public bool Closed { get; set; }
    }

    /// <summary>One line cut into its parts (columns are UTF-16 offsets in the line).</summary>
    private readonly record struct LineParts(
        bool IsContent, int FirstDash, int DashCount, int ContentColumn, string? Key, int KeyEnd, int ColonColumn,
        int ValueStart, int ValueEnd, bool OpensBlockScalar)
    {
        public bool ValueIsEmpty => ValueStart >= ValueEnd;
    }

    private sealed class Scanner(IdeDocument doc)
    {
        private readonly List<Frame> _stack = [];
        private readonly List<string> _entityNames = [];
        private Position _caret;

        public IReadOnlyList<string> EntityNames => _entityNames;

        public void FeedAll()
        {
            _caret = new Position(-1, 0);
            for (var line = 0; line < doc.Lines.LineCount; line++) line = Feed(line);
        }

        /// <summary>
        /// Only the lines that decide the caret's place are read: its ancestors (found upwards by
        /// indentation, without parsing), then the lines of the innermost mapping around the caret. So the
        /// cost depends on the size of that mapping, not of the document (a 30,000-line spec stays fast).
        /// </summary>
        public CaretContext Run(Position caret, bool exhaustive)
        {
            _caret = caret;
            var ancestors = exhaustive ? [] : AncestorLines(caret);
            if (!exhaustive) RootFromFirstKey(caret.Line);
            // Lines deeper than the caret's own line cannot hold keys of the caret's mapping or its parents.
            var caretIndent = LineIndent(caret.Line);
            var limit = caretIndent < caret.Character ? caretIndent : caret.Character;
            for (var a = 0; a < ancestors.Count; a++)
            {
                var last = Feed(ancestors[a]);
                // The caret is inside a block scalar (a multi-line description): plain text, no completion.
                if (last >= caret.Line) return Nothing(caret);
                if (a + 1 < ancestors.Count) continue;
                // The innermost ancestor's own lines: siblings of the caret's key, and what precedes it.
                for (var line = last + 1; line < caret.Line; line++)
                {
                    if (Skip(line, limit)) continue;
                    line = Feed(line);
                    if (line >= caret.Line) return Nothing(caret);
                }
            }
            if (ancestors.Count == 0)
            {
                for (var line = 0; line < caret.Line; line++)
                {
                    if (!exhaustive && Skip(line, limit)) continue;
                    line = Feed(line);
                    if (line >= caret.Line) return Nothing(caret);
                }
            }

            var context = AtCaretLine(caret, out var target);
            if (context.Slot == CaretSlot.None || target is null) return context;
            // Keys written below the caret belong to the same mapping too: read on until it closes.
            for (var line = caret.Line + 1; line < doc.Lines.LineCount && !target.Closed; line++)
            {
                if (LineIndent(line) > target.Column) continue;
                line = Feed(line);
            }
            return context with { PresentKeys = target.Keys };
        }

        /// <summary>The top-level mapping starts at the column of the first key or item of the text (as the full read would find).</summary>
        private void RootFromFirstKey(int before)
        {
            for (var line = 0; line < before; line++)
            {
                if (LineIndent(line) == int.MaxValue) continue;
                var text = doc.LineText(line);
                var parts = Cut(text, text.Length);
                if (parts.DashCount > 0) { EnsureRoot(parts.FirstDash); return; }
                if (parts.Key is not null) { EnsureRoot(parts.ContentColumn); return; }
            }
        }

        /// <summary>
        /// Whether a line deeper than <paramref name="limit"/> can be skipped. It cannot change the caret's
        /// mapping, but it is the value of a key still waiting for one, which is what reading it would record.
        /// </summary>
        private bool Skip(int line, int limit)
        {
            var indent = LineIndent(line);
            if (indent <= limit) return false;
            if (indent != int.MaxValue && _stack.Count > 0 && Top.PendingKey is not null
                && (indent > Top.Column || (indent == Top.Column && IsDashLine(line, indent))))
                Top.PendingKey = null;
            return true;
        }

        /// <summary>
        /// The lines above the caret that open the blocks containing it, outermost first: each one less
        /// indented than the previous, or, for a list written at its key's column ("fields:\n- name"), the
        /// key line at the same column as its items.
        /// </summary>
        private List<int> AncestorLines(Position caret)
        {
            var result = new List<int>();
            var caretIndent = LineIndent(caret.Line);
            var hasContentBeforeCaret = caretIndent < caret.Character && caretIndent < int.MaxValue;
            var min = hasContentBeforeCaret ? caretIndent : caret.Character;
            var minIsDash = hasContentBeforeCaret && IsDashLine(caret.Line, caretIndent);
            for (var line = caret.Line - 1; line >= 0 && (min > 0 || minIsDash); line--)
            {
                var indent = LineIndent(line);
                if (indent == int.MaxValue) continue;
                var isDash = IsDashLine(line, indent);
                if (indent < min || (indent == min && minIsDash && !isDash))
                {
                    result.Add(line);
                    min = indent;
                    minIsDash = isDash;
                }
            }
            result.Reverse();
            return result;
        }

        /// <summary>The column of the first character of a line that is not blank or a comment; int.MaxValue otherwise. No allocation.</summary>
        private int LineIndent(int line)
        {
            if (line < 0 || line >= doc.Lines.LineCount) return int.MaxValue;
            var start = doc.Lines.OffsetAt(new Position(line, 0));
            var end = doc.Lines.LineEndOffset(line);
            var text = doc.Text;
            for (var i = start; i < end; i++)
            {
                if (text[i] is ' ' or '\t') continue;
                return text[i] == '#' ? int.MaxValue : i - start;
            }
            return int.MaxValue;
        }

        private bool IsDashLine(int line, int indent)
        {
            var start = doc.Lines.OffsetAt(new Position(line, 0)) + indent;
            var end = doc.Lines.LineEndOffset(line);
            return start < end && doc.Text[start] == '-' && (start + 1 >= end || doc.Text[start + 1] is ' ' or '\t');
        }

        private Frame Top => _stack[^1];

        private void Pop()
        {
            Top.Closed = true;
            _stack.RemoveAt(_stack.Count - 1);
        }

        /// <summary>Reads one complete line into the stack; returns the last line consumed (block scalars span lines).</summary>
        private int Feed(int line)
        {
            var text = doc.LineText(line);
            var parts = Cut(text, text.Length);
            if (!parts.IsContent) return line;
            var inItem = false;
            for (var d = 0; d < parts.DashCount; d++)
            {
                OpenItem(DashColumnAt(text, parts.FirstDash, d));
                inItem = true;
            }
            if (parts.Key is null) return line;
            var frame = AttachKey(parts.ContentColumn, inItem);
            frame.Keys.Add(parts.Key);
            frame.PendingKey = parts.ValueIsEmpty ? parts.Key : null;
            if (frame.Path == "entities[]" && parts.Key == "name" && !parts.ValueIsEmpty)
                _entityNames.Add(Unquote(text[parts.ValueStart..parts.ValueEnd]));
            if (!parts.OpensBlockScalar) return line;
            // Block scalar content: every following line indented deeper than the key (or blank).
            var last = line;
            for (var next = line + 1; next < doc.Lines.LineCount; next++)
            {
                var t = doc.LineText(next);
                var indent = Indent(t);
                if (indent < t.Length && indent <= parts.ContentColumn) break;
                // A blank caret line at the key's column or left of it starts the next key, not more text.
                if (next == _caret.Line && _caret.Character <= parts.ContentColumn) break;
                last = next;
            }
            return last;
        }

        /// <summary>A "- " at <paramref name="column"/>: the next item of a list (opened here if new).</summary>
        private void OpenItem(int column)
        {
            EnsureRoot(column);
            while (_stack.Count > 1 && Top.Column > column) Pop();
            if (Top.IsList && Top.Column == column) return;
            // A list is the value of the pending key of the mapping above it; "key:\n- item" may even share its column.
            var parent = Top;
            var path = parent.PendingKey is { } key ? Join(parent.Path, key + "[]") : Join(parent.Path, "?[]");
            parent.PendingKey = null;
            _stack.Add(new Frame(true, column, path));
        }

        /// <summary>The mapping a key at <paramref name="column"/> belongs to (opened if it starts here).</summary>
        private Frame AttachKey(int column, bool startsItem)
        {
            EnsureRoot(column);
            if (startsItem)
            {
                var item = new Frame(false, column, Top.Path);
                _stack.Add(item);
                return item;
            }
            while (_stack.Count > 1 && (Top.Column > column || (Top.IsList && Top.Column >= column))) Pop();
            if (Top.Column == column && !Top.IsList) return Top;
            // Deeper than the mapping above: the value of its pending key (or, without one, an odd indentation).
            var parent = Top;
            var path = parent.PendingKey is { } key ? Join(parent.Path, key) : Join(parent.Path, "?");
            parent.PendingKey = null;
            var map = new Frame(false, column, path);
            _stack.Add(map);
            return map;
        }

        private void EnsureRoot(int column)
        {
            if (_stack.Count == 0) _stack.Add(new Frame(false, Math.Max(0, column), ""));
        }

        /// <summary>Works out the slot at the caret and leaves the stack as if the caret line had been read.</summary>
        private CaretContext AtCaretLine(Position caret, out Frame? target)
        {
            target = null;
            var text = doc.LineText(caret.Line);
            var c = caret.Character;
            var before = Cut(text, c);
            var whole = Cut(text, text.Length);
            if (InComment(text, c))
            {
                if (whole.IsContent) Replay(text, whole);
                return Nothing(caret);
            }
            if (before.IsContent && FlowStart(text, before, c) is { } flowStart)
            {
                // "key: {…|" or "- {…|": the block part gives the flow collection's place, the line the rest.
                var inFlowItem = false;
                for (var d = 0; d < before.DashCount; d++)
                {
                    OpenItem(DashColumnAt(text, before.FirstDash, d));
                    inFlowItem = true;
                }
                string path;
                if (before.Key is not null && before.ColonColumn < flowStart)
                {
                    var keyOwner = AttachKey(before.ContentColumn, inFlowItem);
                    path = Join(keyOwner.Path, text[flowStart] == '{' ? before.Key : before.Key + "[]");
                }
                else
                {
                    EnsureRoot(before.ContentColumn);
                    path = inFlowItem ? Top.Path : _stack.Count == 1 && text[flowStart] == '{' ? "" : "?";
                }
                return FlowContext(caret, text, flowStart, path);
            }
            if (before.IsContent && before.ContentColumn < c && text[before.ContentColumn] is '"' or '\'' && before.Key is null)
            {
                Replay(text, whole);
                return Nothing(caret);
            }

            // Caret in the indentation of a line that has text after it, or just before its "- ": not a place to type a key.
            var firstNonBlank = Indent(text);
            if (!before.IsContent && firstNonBlank < text.Length && (c < firstNonBlank || text[firstNonBlank] is '-' or '#'))
            {
                Replay(text, whole);
                return Nothing(caret);
            }

            var inItem = false;
            var dashColumn = -1;
            if (before.IsContent)
            {
                for (var d = 0; d < before.DashCount; d++)
                {
                    dashColumn = DashColumnAt(text, before.FirstDash, d);
                    OpenItem(dashColumn);
                    inItem = true;
                }
            }

            var contentColumn = before.IsContent ? before.ContentColumn : c;
            if (before.Key is not null)
            {
                // Value slot: "key: val|" — the mapping is the one the key belongs to.
                var frame = AttachKey(before.ContentColumn, inItem);
                target = frame;
                var valueStart = before.ColonColumn + 1;
                while (valueStart < c && text[valueStart] is ' ' or '\t') valueStart++;
                var valueEnd = Math.Max(c, whole.ValueEnd);
                if (valueEnd < valueStart) valueEnd = valueStart;
                var range = new SourceRange(new Position(caret.Line, valueStart), new Position(caret.Line, valueEnd));
                var keyLevel = LevelOf(frame.Path);
                frame.Keys.Add(before.Key);
                frame.PendingKey = whole.ValueIsEmpty ? before.Key : null;
                return new CaretContext(CaretSlot.Value, keyLevel, before.Key, null, NoKeys, range, text[valueStart..valueEnd],
                    before.ContentColumn, true, inItem, dashColumn);
            }

            // Key slot, or a new list item. The word being typed runs from its start to its end after the caret.
            var wordStart = WordStart(text, c);
            if (wordStart < contentColumn) wordStart = contentColumn;
            var wordEnd = c;
            while (wordEnd < text.Length && IsWordChar(text, wordEnd)) wordEnd++;
            var word = text[wordStart..wordEnd];
            var colonFollows = whole.Key is not null && whole.ContentColumn == wordStart;
            var tokenRange = new SourceRange(new Position(caret.Line, wordStart), new Position(caret.Line, wordEnd));
            if (wordStart > contentColumn && before.IsContent)
            {
                // Something other than a key before the caret ("- foo bar|", "name Ta|"): not a key position.
                Replay(text, whole, skipDashes: true);
                return Nothing(caret);
            }

            if (inItem)
            {
                var item = AttachKey(contentColumn, startsItem: true);
                target = item;
                return new CaretContext(CaretSlot.Key, LevelOf(item.Path), null, ListKeyOf(item.Path), NoKeys, tokenRange, word,
                    contentColumn, colonFollows, true, dashColumn);
            }

            // A key at the caret's column: find the mapping (or list) open at that column.
            EnsureRoot(contentColumn);
            while (_stack.Count > 1 && Top.Column > contentColumn) Pop();
            var top = Top;
            if (top.IsList)
            {
                // At a list's dash column: a new item. Deeper than the dash but left of the items' keys: likewise.
                var listKey = ListKeyOf(top.Path);
                if (colonFollows || whole.Key is not null) { Replay(text, whole); return Nothing(caret); }
                return new CaretContext(CaretSlot.ListItem, LevelOf(top.Path), null, listKey, NoKeys, tokenRange, word,
                    top.Column, false, false, top.Column);
            }
            if (top.Column < contentColumn && top.PendingKey is { } pending)
            {
                if (ListKeys.Contains(pending))
                {
                    if (whole.Key is not null) { Replay(text, whole); return Nothing(caret); }
                    var path = Join(top.Path, pending + "[]");
                    return new CaretContext(CaretSlot.ListItem, LevelOf(path), null, pending, NoKeys, tokenRange, word,
                        contentColumn, false, false, contentColumn);
                }
                // The first key of a block under "database:" / "auth:" (or any pending key).
                var map = AttachKey(contentColumn, startsItem: false);
                target = map;
                if (whole.Key is not null) map.PendingKey = whole.ValueIsEmpty ? whole.Key : null;
                return new CaretContext(CaretSlot.Key, LevelOf(map.Path), null, null, NoKeys, tokenRange, word, contentColumn, colonFollows, false, -1);
            }
            var owner = AttachKey(contentColumn, startsItem: false);
            target = owner;
            if (whole.Key is not null) owner.PendingKey = whole.ValueIsEmpty ? whole.Key : null;
            return new CaretContext(CaretSlot.Key, LevelOf(owner.Path), null, null, NoKeys, tokenRange, word, contentColumn, colonFollows, false, -1);
        }

        /// <summary>Feeds the caret line into the stack as a normal line (when no completion applies).</summary>
        private void Replay(string text, LineParts parts, bool skipDashes = false)
        {
            var inItem = false;
            for (var d = 0; d < parts.DashCount && !skipDashes; d++)
            {
                OpenItem(DashColumnAt(text, parts.FirstDash, d));
                inItem = true;
            }
            if (parts.Key is null) return;
            var frame = AttachKey(parts.ContentColumn, inItem);
            frame.Keys.Add(parts.Key);
            frame.PendingKey = parts.ValueIsEmpty ? parts.Key : null;
        }
    }

    /// <summary>Where a one-line flow collection containing the caret starts ("key: {" or "- [" or "{" at the content), or null.</summary>
    private static int? FlowStart(string text, LineParts before, int caret)
    {
        var start = before.Key is not null ? before.ValueStart : before.ContentColumn;
        if (start >= caret || start >= text.Length || text[start] is not ('{' or '[')) return null;
        var depth = 0;
        var quote = '\0';
        for (var i = start; i < caret; i++)
        {
            var ch = text[i];
            if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
            if (ch is '"' or '\'') quote = ch;
            else if (ch is '{' or '[') depth++;
            else if (ch is '}' or ']' && --depth == 0) return null; // the caret is after the collection
        }
        return start;
    }

    /// <summary>An open flow collection on the caret line.</summary>
    private sealed class FlowFrame(bool isMap, string path, int segmentStart)
    {
        public bool IsMap { get; } = isMap;
        public string Path { get; } = path;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string? CurrentKey { get; set; }
        public int SegmentStart { get; set; } = segmentStart;
        public int ValueStart { get; set; }
    }

    /// <summary>
    /// The caret inside a flow collection on one line: a small scan of brackets, commas and colons from
    /// <paramref name="start"/> to the caret. <paramref name="path"/> is the path of the outermost collection.
    /// </summary>
    private static CaretContext FlowContext(Position caret, string text, int start, string path)
    {
        var c = caret.Character;
        var frames = new List<FlowFrame>();
        var quote = '\0';
        for (var i = start; i < c; i++)
        {
            var ch = text[i];
            if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
            var top = frames.Count > 0 ? frames[^1] : null;
            switch (ch)
            {
                case '"' or '\'':
                    quote = ch;
                    break;
                case '{' or '[':
                    // A mapping item of a list has the list's path; anything else adds its key.
                    var childPath = top is null ? path
                        : top.IsMap ? Join(top.Path, (top.CurrentKey ?? "?") + (ch == '[' ? "[]" : ""))
                        : ch == '{' ? top.Path : Join(top.Path, "?[]");
                    frames.Add(new FlowFrame(ch == '{', childPath, i + 1));
                    break;
                case '}' or ']':
                    if (frames.Count > 0) frames.RemoveAt(frames.Count - 1);
                    break;
                case ',' when top is not null:
                    top.CurrentKey = null;
                    top.SegmentStart = i + 1;
                    break;
                case ':' when top is { IsMap: true, CurrentKey: null }
                              && (i + 1 >= text.Length || text[i + 1] is ' ' or '\t' or ',' or '}' or ']' || text[i - 1] is '"' or '\''):
                    var key = Unquote(text[top.SegmentStart..i].Trim());
                    top.Keys.Add(key);
                    top.CurrentKey = key;
                    top.ValueStart = i + 1;
                    break;
            }
        }
        if (frames.Count == 0 || frames[^1] is not { IsMap: true } map) return Nothing(caret);
        var level = LevelOf(map.Path);
        if (map.CurrentKey is { } valueKey)
        {
            var from = map.ValueStart;
            while (from < c && text[from] is ' ' or '\t') from++;
            var quoted = from < text.Length && text[from] is '"' or '\'';
            var to = Math.Max(c, from);
            if (quoted)
            {
                to = text.IndexOf(text[from], from + 1);
                to = to < 0 || to + 1 < c ? text.Length : to + 1;
            }
            else
            {
                while (to < text.Length && text[to] is not (',' or '}' or ']')) to++;
            }
            while (to > c && text[to - 1] is ' ' or '\t') to--;
            var range = new SourceRange(caret with { Character = from }, caret with { Character = to });
            return new CaretContext(CaretSlot.Value, level, valueKey, null, NoKeys, range, text[from..to], 0, true, false, -1)
            { InFlow = true, Quote = quoted ? text[from] : '\0' };
        }
        var wordStart = map.SegmentStart;
        while (wordStart < c && text[wordStart] is ' ' or '\t') wordStart++;
        if (wordStart < c && text.AsSpan(wordStart, c - wordStart).IndexOfAny(" \t") >= 0) return Nothing(caret);
        var wordEnd = c;
        while (wordEnd < text.Length && IsWordChar(text, wordEnd)) wordEnd++;
        var after = wordEnd;
        while (after < text.Length && text[after] is ' ' or '\t') after++;
        var colonFollows = after < text.Length && text[after] == ':';
        var keyRange = new SourceRange(caret with { Character = wordStart }, caret with { Character = wordEnd });
        return new CaretContext(CaretSlot.Key, level, null, null, map.Keys, keyRange, text[wordStart..wordEnd], 0, colonFollows, false, -1)
        { InFlow = true, Quote = wordStart < text.Length && text[wordStart] is '"' or '\'' ? text[wordStart] : '\0' };
    }

    private static string? ListKeyOf(string path)
    {
        if (!path.EndsWith("[]", StringComparison.Ordinal)) return null;
        var start = path.LastIndexOf('.') + 1;
        return path[start..^2];
    }

    private static string Join(string path, string segment) => path.Length == 0 ? segment : path + "." + segment;

    /// <summary>Cuts the first <paramref name="length"/> characters of a line into indentation, dashes, key and value.</summary>
    private static LineParts Cut(string text, int length)
    {
        length = Math.Min(length, text.Length);
        var i = 0;
        while (i < length && text[i] is ' ' or '\t') i++;
        if (i >= length || text[i] == '#' || (i + 2 < length && text.AsSpan(i, 3) is "---" or "...")) return default;
        var firstDash = -1;
        var dashes = 0;
        while (i < length && text[i] == '-' && (i + 1 >= text.Length || text[i + 1] is ' ' or '\t'))
        {
            if (dashes++ == 0) firstDash = i;
            i++;
            while (i < length && text[i] is ' ' or '\t') i++;
        }
        var content = i;
        if (i >= length || text[i] is '#')
            return new LineParts(true, firstDash, dashes, content, null, content, -1, content, content, false);
        if (text[i] is '{' or '[')
            return new LineParts(true, firstDash, dashes, content, null, content, -1, content, content, false);

        // The key ends at the first ':' followed by a blank or the end, outside quotes.
        var colon = -1;
        var quote = text[i] is '"' or '\'' ? text[i] : '\0';
        var j = quote == '\0' ? i : i + 1;
        if (quote != '\0')
        {
            while (j < length && text[j] != quote) j++;
            j++;
        }
        for (; j < length; j++)
        {
            if (text[j] == '#' && j > 0 && text[j - 1] is ' ' or '\t') break;
            if (text[j] == ':' && (j + 1 >= text.Length || text[j + 1] is ' ' or '\t'))
            {
                colon = j;
                break;
            }
        }
        if (colon < 0 || colon >= length)
            return new LineParts(true, firstDash, dashes, content, null, content, -1, content, content, false);
        var key = Unquote(text[content..colon].TrimEnd());
        var valueStart = colon + 1;
        while (valueStart < length && text[valueStart] is ' ' or '\t') valueStart++;
        var valueEnd = Math.Max(valueStart, ValueEnd(text, valueStart, length));
        var blockScalar = valueStart < valueEnd && text[valueStart] is '|' or '>';
        return new LineParts(true, firstDash, dashes, content, key, colon, colon, valueStart, valueEnd, blockScalar);
    }

    /// <summary>The end of a value: before a " #" comment (outside quotes) and trailing blanks.</summary>
    private static int ValueEnd(string text, int start, int length)
    {
        var quote = start < length && text[start] is '"' or '\'' ? text[start] : '\0';
        var i = start + (quote == '\0' ? 0 : 1);
        var closed = quote == '\0';
        for (; i < length; i++)
        {
            if (!closed && text[i] == quote) { closed = true; continue; }
            if (closed && text[i] == '#' && text[i - 1] is ' ' or '\t') break;
        }
        var end = i;
        while (end > start && text[end - 1] is ' ' or '\t') end--;
        return end;
    }

    private static int DashColumnAt(string text, int firstDash, int index)
    {
        var i = firstDash;
        for (var d = 0; d < index; d++)
        {
            i++;
            while (i < text.Length && text[i] is ' ' or '\t') i++;
        }
        return i;
    }

    private static bool InComment(string text, int caret)
    {
        var quote = '\0';
        for (var i = 0; i < caret && i < text.Length; i++)
        {
            var ch = text[i];
            if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
            if (ch is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or '\t' or ':' or '-' or '[' or '{' or ',')) quote = ch;
            else if (ch == '#' && (i == 0 || text[i - 1] is ' ' or '\t')) return true;
        }
        return false;
    }

    private static int Indent(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        return i;
    }

    private static int WordStart(string text, int caret)
    {
        var i = Math.Min(caret, text.Length);
        while (i > 0 && IsWordChar(text, i - 1)) i--;
        return i;
    }

    private static bool IsWordChar(string text, int i) =>
        i >= 0 && i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.' or '"' or '\'') && !(text[i] == '-' && i + 1 < text.Length && text[i + 1] == ' ');

    internal static string Unquote(string text) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : text;
}
