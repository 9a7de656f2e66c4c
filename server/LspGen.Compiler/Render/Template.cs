using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace LspGen.Compiler.Render;

/// <summary>
/// One parsed Handlebars template, run by a small tree-walking interpreter.
/// </summary>
/// <remarks>
/// Why not Handlebars.Net: it builds and JIT-compiles expression trees for every template at start-up,
/// which ReadyToRun cannot precompile; that was ~110 ms of every `lspgen generate` (see
/// docs/performance.md). This interpreter is ordinary code, so it is precompiled, and parsing all
/// templates takes well under a millisecond.
///
/// It implements the subset of Handlebars the templates use, with Handlebars' semantics, so output
/// is byte-identical: text, <c>{{path}}</c> (<c>this</c>, <c>../</c>, <c>@root</c>, <c>@index</c>,
/// <c>@first</c>, <c>@last</c>), helper calls with string literals and <c>(subexpressions)</c>,
/// <c>#if</c> / <c>#unless</c> / <c>#each</c> / <c>#with</c> with <c>{{else}}</c>, inline partials
/// (<c>{{#*inline "name"}}</c>, <c>{{> name}}</c>), comments, <c>~</c> whitespace control and the
/// "standalone line" rule (a line holding only a block tag, else, comment or partial disappears).
/// Anything else is rejected when the template is parsed. As in Handlebars, a path naming a member
/// the model does not have is undefined (prints nothing, is false).
/// Values are printed with ToString (numbers with the invariant culture); <see cref="Enrich.UserText"/>
/// throws there, so user text still only reaches the output through an escaping helper.
/// </remarks>
internal sealed class Template
{
    private readonly string _name;
    private readonly List<Node> _body;
    private readonly Dictionary<string, List<Node>> _partials;
    [ThreadStatic] private static StringBuilder? t_output;

    private Template(string name, List<Node> body, Dictionary<string, List<Node>> partials)
    {
        _name = name;
        _body = body;
        _partials = partials;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> naming the template and line.</summary>
    public static Template Parse(string name, string source, IReadOnlyDictionary<string, Func<object?[], object?>> helpers)
    {
        var tokens = Tokenize(name, source);
        ApplyWhitespaceControl(tokens);
        var partials = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        var position = 0;
        var body = new Parser(name, tokens, partials, helpers).ParseBody(ref position, closing: null);
        return new Template(name, body, partials);
    }

    public string Render(object context)
    {
        // One builder per thread, reused: a fresh one would allocate about as much again as the output.
        var output = t_output ?? new StringBuilder(1 << 16);
        t_output = null; // taken while in use, so a nested Render on this thread gets its own
        try
        {
            Write(output, _body, new Frame(context, null, null));
            return output.ToString();
        }
        finally
        {
            output.Clear();
            t_output = output;
        }
    }

    // ---------------------------------------------------------------- tokens

    private enum TokenKind { Text, Output, Open, Close, Else, Comment, Partial, InlineOpen }

    private sealed class Token(TokenKind kind, string text, int line)
    {
        public TokenKind Kind { get; } = kind;
        public string Original { get; } = text; // the standalone rule looks at the text as written
        public string Text { get; set; } = text; // what is printed, after whitespace control
        public int Line { get; } = line;
        public bool StripBefore { get; init; }
        public bool StripAfter { get; init; }
        public bool StrippedStart { get; set; }
        public bool StrippedEnd { get; set; }
        public string? Indent { get; set; } // a standalone partial indents each line it prints
    }

    private static List<Token> Tokenize(string name, string source)
    {
        var tokens = new List<Token>();
        var at = 0;
        var line = 1;
        while (at < source.Length)
        {
            var open = source.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) open = source.Length;
            if (open > at)
            {
                tokens.Add(new Token(TokenKind.Text, source[at..open], line));
                line += Count(source, at, open);
            }
            if (open == source.Length) break;
            var longComment = string.CompareOrdinal(source, open + 2, "!--", 0, 3) == 0
                || string.CompareOrdinal(source, open + 2, "~!--", 0, 4) == 0;
            var close = longComment ? source.IndexOf("--", open + 5, StringComparison.Ordinal) : open + 2;
            close = close < 0 ? -1 : source.IndexOf("}}", close, StringComparison.Ordinal);
            if (close < 0) throw new TemplateException(name, line, "a \"{{\" is never closed with \"}}\"");
            var inner = source[(open + 2)..close];
            var stripBefore = inner.StartsWith('~');
            var stripAfter = inner.EndsWith('~') && inner.Length > (stripBefore ? 1 : 0);
            inner = inner[(stripBefore ? 1 : 0)..(inner.Length - (stripAfter ? 1 : 0))].Trim();
            var (kind, text) = inner switch
            {
                ['!', ..] => (TokenKind.Comment, ""),
                ['#', '*', ..] => (TokenKind.InlineOpen, inner[2..].Trim()),
                ['#', ..] => (TokenKind.Open, inner[1..].Trim()),
                ['/', ..] => (TokenKind.Close, inner[1..].Trim()),
                ['>', ..] => (TokenKind.Partial, inner[1..].Trim()),
                "else" => (TokenKind.Else, ""),
                ['{', ..] or ['^', ..] or ['&', ..] or ['@', '>', ..] =>
                    throw new TemplateException(name, line, $"\"{{{{{inner}}}}}\" uses Handlebars syntax this renderer does not support"),
                _ => (TokenKind.Output, inner),
            };
            tokens.Add(new Token(kind, text, line) { StripBefore = stripBefore, StripAfter = stripAfter });
            line += Count(source, open, close);
            at = close + 2;
        }
        return tokens;

        static int Count(string text, int from, int to)
        {
            var n = 0;
            for (var i = from; i < to; i++) if (text[i] == '\n') n++;
            return n;
        }
    }

    // Handlebars' rules (handlebars.js WhitespaceControl, which Handlebars.Net follows): "~" strips all
    // whitespace on its side; a block tag, else, comment or partial alone on its line removes the
    // line's indentation and its line break. The neighbours are judged by their text as written, so
    // two standalone tags on consecutive lines both qualify.
    private static void ApplyWhitespaceControl(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Text) continue;
            var previous = i > 0 ? tokens[i - 1] : null;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (token.Kind != TokenKind.Output && IsStandalone(tokens, i))
            {
                if (token.Kind == TokenKind.Partial && previous is { Kind: TokenKind.Text })
                    token.Indent = previous.Original[(previous.Original.LastIndexOf('\n') + 1)..];
                StripEnd(previous, all: false);
                StripStart(next, all: false);
            }
            if (token.StripBefore) StripEnd(previous, all: true);
            if (token.StripAfter) StripStart(next, all: true);
        }
    }

    private static bool IsStandalone(List<Token> tokens, int i)
    {
        bool before;
        if (i == 0) before = true; // the start of the template is the start of a line
        else if (tokens[i - 1].Kind != TokenKind.Text) before = false;
        else
        {
            var text = tokens[i - 1].Original;
            var lineStart = text.LastIndexOf('\n');
            before = (lineStart >= 0 || i == 1) && IsBlank(text.AsSpan(lineStart + 1));
        }
        if (!before) return false;
        if (i == tokens.Count - 1) return true; // so is its end
        if (tokens[i + 1].Kind != TokenKind.Text) return false;
        var after = tokens[i + 1].Original;
        var lineEnd = after.IndexOf('\n');
        if (lineEnd < 0) return i + 1 == tokens.Count - 1 && IsBlank(after);
        return IsBlank(after.AsSpan(0, lineEnd > 0 && after[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd));
    }

    private static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text) if (!char.IsWhiteSpace(c)) return false;
        return true;
    }

    private static void StripEnd(Token? token, bool all)
    {
        if (token is not { Kind: TokenKind.Text } || (!all && token.StrippedEnd)) return;
        var text = token.Text;
        var end = text.Length;
        while (end > 0 && (all ? char.IsWhiteSpace(text[end - 1]) : text[end - 1] is ' ' or '\t')) end--;
        token.Text = text[..end];
        token.StrippedEnd = token.Text.Length != text.Length;
    }

    private static void StripStart(Token? token, bool all)
    {
        if (token is not { Kind: TokenKind.Text } || (!all && token.StrippedStart)) return;
        var text = token.Text;
        var start = 0;
        if (all)
            while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        else
        {
            while (start < text.Length && text[start] is ' ' or '\t') start++;
            if (start < text.Length && text[start] == '\r') start++;
            if (start < text.Length && text[start] == '\n') start++;
        }
        token.Text = text[start..];
        token.StrippedStart = token.Text.Length != text.Length;
    }

    // ---------------------------------------------------------------- tree

    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record OutputNode(Expr Value, int Line) : Node;
    private sealed record BlockNode(string Helper, Expr Argument, List<Node> Body, List<Node>? Inverse, int Line) : Node;
    private sealed record PartialNode(string Name, string? Indent, int Line) : Node;

    private abstract record Expr;
    private sealed record Literal(object Value) : Expr;
    private sealed record PathExpr(string Path, int Up, bool Root, string? Data, string[] Members) : Expr
    {
        // The getter last used for each member, with the type it was for: a path nearly always meets
        // the same type, so this skips the shared getter table. One object per slot, so a concurrent
        // render never sees a getter paired with the wrong type.
        public CachedGetter?[] Cache { get; } = new CachedGetter?[Members.Length];
    }

    private sealed record CachedGetter(Type Type, Func<object, object?> Get);
    private sealed record HelperCall(string Name, Func<object?[], object?> Helper, Expr[] Arguments) : Expr;

    private sealed class Parser(string name, List<Token> tokens, Dictionary<string, List<Node>> partials,
        IReadOnlyDictionary<string, Func<object?[], object?>> helpers)
    {
        private static readonly HashSet<string> BlockHelpers = ["if", "unless", "each", "with"];

        public List<Node> ParseBody(ref int i, string? closing) => ParseBody(ref i, closing, out _);

        private List<Node> ParseBody(ref int i, string? closing, out Token? end)
        {
            var body = new List<Node>();
            while (i < tokens.Count)
            {
                var token = tokens[i++];
                switch (token.Kind)
                {
                    case TokenKind.Text:
                        if (token.Text.Length > 0) body.Add(new TextNode(token.Text));
                        break;
                    case TokenKind.Comment:
                        break;
                    case TokenKind.Output:
                        body.Add(new OutputNode(ParseExpression(token.Text, token.Line, allowHelperCall: true), token.Line));
                        break;
                    case TokenKind.Partial:
                        body.Add(new PartialNode(token.Text, token.Indent, token.Line));
                        break;
                    case TokenKind.InlineOpen:
                        ParseInline(token, ref i);
                        break;
                    case TokenKind.Open:
                        body.Add(ParseBlock(token, ref i));
                        break;
                    case TokenKind.Else or TokenKind.Close:
                        if (closing is null) throw Error(token.Line, $"unexpected {(token.Kind == TokenKind.Else ? "{{else}}" : "{{/" + token.Text + "}}")}");
                        if (token.Kind == TokenKind.Close && token.Text != closing)
                            throw Error(token.Line, $"{{{{/{token.Text}}}}} closes {{{{#{closing}}}}}");
                        end = token;
                        return body;
                }
            }
            if (closing is not null) throw Error(tokens[^1].Line, $"{{{{#{closing}}}}} is never closed");
            end = null;
            return body;
        }

        private BlockNode ParseBlock(Token open, ref int i)
        {
            var space = open.Text.IndexOf(' ');
            var helper = space < 0 ? open.Text : open.Text[..space];
            if (!BlockHelpers.Contains(helper)) throw Error(open.Line, $"unknown block helper \"#{helper}\"");
            if (space < 0) throw Error(open.Line, $"#{helper} needs an argument");
            var argument = ParseExpression(open.Text[(space + 1)..].Trim(), open.Line, allowHelperCall: false);
            var body = ParseBody(ref i, helper, out var end);
            List<Node>? inverse = null;
            if (end!.Kind == TokenKind.Else)
            {
                inverse = ParseBody(ref i, helper, out end);
                if (end!.Kind == TokenKind.Else) throw Error(end.Line, $"a second {{{{else}}}} in #{helper}");
            }
            return new BlockNode(helper, argument, body, inverse, open.Line);
        }

        private void ParseInline(Token open, ref int i)
        {
            var parts = open.Text.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts is not ["inline", ['"', .., '"'] quoted])
                throw Error(open.Line, "only {{#*inline \"name\"}} decorators are supported");
            var partialName = quoted[1..^1];
            var body = ParseBody(ref i, "inline", out var end);
            if (end!.Kind == TokenKind.Else) throw Error(end.Line, "{{else}} inside an inline partial");
            if (!partials.TryAdd(partialName, body)) throw Error(open.Line, $"inline partial \"{partialName}\" is defined twice");
        }

        private Expr ParseExpression(string text, int line, bool allowHelperCall)
        {
            var words = Words(text, line);
            if (words.Count == 1) return ParseOperand(words[0], line);
            if (!allowHelperCall) throw Error(line, $"\"{text}\": wrap a helper call in parentheses here");
            return Call(words, line);
        }

        private HelperCall Call(List<string> words, int line)
        {
            if (!helpers.TryGetValue(words[0], out var helper)) throw Error(line, $"unknown helper \"{words[0]}\"");
            return new HelperCall(words[0], helper, words.Skip(1).Select(w => ParseOperand(w, line)).ToArray());
        }

        private Expr ParseOperand(string word, int line)
        {
            if (word is ['(', .., ')']) return Call(Words(word[1..^1], line), line);
            if (word is ['"', .., '"']) return new Literal(word[1..^1]);
            if (char.IsAsciiDigit(word[0]) || word[0] == '-')
                return int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? new Literal(n) : throw Error(line, $"\"{word}\" is not a number");
            var path = word;
            var up = 0;
            while (path.StartsWith("../", StringComparison.Ordinal)) { up++; path = path[3..]; }
            var root = false;
            string? data = null;
            if (path.StartsWith("@root", StringComparison.Ordinal) && (path.Length == 5 || path[5] == '.'))
            {
                root = true;
                path = path.Length == 5 ? "" : path[6..];
            }
            else if (path is "@index" or "@first" or "@last") data = path;
            else if (path.StartsWith('@')) throw Error(line, $"unknown data variable \"{path}\"");
            if (path is "this" or ".") path = "";
            else if (path.StartsWith("this.", StringComparison.Ordinal)) path = path[5..];
            var members = data is null && path.Length > 0 ? path.Split('.') : [];
            if (members.Any(m => !IsMemberName(m) && !(m is ['[', .., ']'] && int.TryParse(m[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))))
                throw Error(line, $"\"{word}\" is not a path");
            return new PathExpr(word, up, root, data, members);
        }

        private static bool IsMemberName(string member) =>
            member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

        private List<string> Words(string text, int line)
        {
            var words = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == ' ') { i++; continue; }
                var start = i;
                if (text[i] == '"')
                {
                    i = text.IndexOf('"', i + 1);
                    if (i < 0) throw Error(line, $"unterminated string in \"{text}\"");
                    i++;
                }
                else if (text[i] == '(')
                {
                    for (var depth = 0; i < text.Length; i++)
                    {
                        if (text[i] == '(') depth++;
                        else if (text[i] == ')' && --depth == 0) break;
                    }
                    if (i == text.Length) throw Error(line, $"unbalanced parentheses in \"{text}\"");
                    i++;
                }
                else
                    while (i < text.Length && text[i] != ' ') i++;
                words.Add(text[start..i]);
            }
            if (words.Count == 0) throw Error(line, "empty {{ }}");
            return words;
        }

        private TemplateException Error(int line, string message) => new(name, line, message);
    }

    // ---------------------------------------------------------------- evaluation

    // A context change (#each item, #with): what `this` is, the frame `../` goes back to, and the
    // loop's @index/@first/@last. #if and #unless keep the frame, as in Handlebars.
    private sealed record Frame(object? Value, Frame? Parent, (int Index, bool Last)? Loop);

    private void Write(StringBuilder output, List<Node> nodes, Frame frame)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case OutputNode o:
                    output.Append(Format(Evaluate(o.Value, frame, o.Line), o.Line));
                    break;
                case PartialNode p:
                    if (!_partials.TryGetValue(p.Name, out var partial))
                        throw new TemplateException(_name, p.Line, $"no inline partial named \"{p.Name}\"");
                    if (p.Indent is { Length: > 0 } pad)
                    {
                        // Handlebars indents every line of a standalone partial, but not the empty end.
                        var inner = new StringBuilder();
                        Write(inner, partial, frame);
                        if (inner.Length == 0) break;
                        output.Append(pad).Append(inner.ToString().Replace("\n", "\n" + pad, StringComparison.Ordinal));
                        if (inner[^1] == '\n') output.Length -= pad.Length;
                    }
                    else
                        Write(output, partial, frame);
                    break;
                case BlockNode block:
                    WriteBlock(output, block, frame);
                    break;
            }
        }
    }

    private void WriteBlock(StringBuilder output, BlockNode block, Frame frame)
    {
        var value = Evaluate(block.Argument, frame, block.Line);
        switch (block.Helper)
        {
            case "if" or "unless":
                var chosen = IsTruthy(value) == (block.Helper == "if") ? block.Body : block.Inverse;
                if (chosen is not null) Write(output, chosen, frame);
                break;
            case "with":
                if (IsTruthy(value)) Write(output, block.Body, new Frame(value, frame, null));
                else if (block.Inverse is not null) Write(output, block.Inverse, frame);
                break;
            case "each":
                IList items = value switch
                {
                    null => Array.Empty<object?>(),
                    IList list => list,
                    IEnumerable e and not string => e.Cast<object?>().ToList(),
                    _ => throw new TemplateException(_name, block.Line, $"#each needs a list, got {value.GetType().Name}"),
                };
                for (var i = 0; i < items.Count; i++)
                    Write(output, block.Body, new Frame(items[i], frame, (i, i == items.Count - 1)));
                if (items.Count == 0 && block.Inverse is not null) Write(output, block.Inverse, frame);
                break;
        }
    }

    private object? Evaluate(Expr expr, Frame frame, int line)
    {
        switch (expr)
        {
            case Literal l:
                return l.Value;
            case HelperCall call:
                var args = new object?[call.Arguments.Length];
                for (var i = 0; i < args.Length; i++) args[i] = Evaluate(call.Arguments[i], frame, line);
                return call.Helper(args);
            case PathExpr path:
                var target = frame;
                if (path.Root) while (target.Parent is not null) target = target.Parent;
                for (var i = 0; i < path.Up; i++)
                    target = target.Parent ?? throw new TemplateException(_name, line, $"\"{path.Path}\" goes above the template's context");
                if (path.Data is not null)
                {
                    if (target.Loop is not { } loop) throw new TemplateException(_name, line, $"{path.Data} outside #each");
                    return path.Data switch { "@index" => loop.Index, "@first" => loop.Index == 0, _ => loop.Last };
                }
                var value = target.Value;
                for (var m = 0; m < path.Members.Length; m++)
                {
                    var member = path.Members[m];
                    if (value is null) return null;
                    if (member is ['[', .., ']'])
                    {
                        // A literal segment such as [0]: an element of a list, undefined past its end.
                        var index = int.Parse(member[1..^1], CultureInfo.InvariantCulture);
                        value = value is IList list ? (index < list.Count ? list[index] : null)
                            : throw new TemplateException(_name, line, $"\"{path.Path}\": {value.GetType().Name} is not a list");
                    }
                    else
                    {
                        var type = value.GetType();
                        var cached = path.Cache[m];
                        if (cached is null || cached.Type != type) path.Cache[m] = cached = new CachedGetter(type, Member(type, member));
                        value = cached.Get(value);
                    }
                }
                return value;
            default:
                throw new InvalidOperationException(expr.GetType().Name);
        }
    }

    // Property getters by type and name, built once per process. Calling PropertyInfo.GetValue (or
    // MethodInfo.Invoke) repeatedly makes the runtime emit and JIT an invoke stub per method; typed
    // delegates do not, and are faster on every later call.
    private static readonly Dictionary<Type, Dictionary<string, Func<object, object?>>> Getters = [];
    private static readonly Func<object, object?> Undefined = _ => null;
    private static readonly MethodInfo GetterOf = typeof(Template).GetMethod(nameof(Getter), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Func<object, object?> Member(Type type, string name)
    {
        lock (Getters)
        {
            if (!Getters.TryGetValue(type, out var members)) Getters[type] = members = new(StringComparer.Ordinal);
            if (!members.TryGetValue(name, out var getter))
            {
                var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
                getter = property?.GetMethod is { } method && property.GetIndexParameters().Length == 0
                    ? GetterOf.MakeGenericMethod(type, property.PropertyType)
                        .CreateDelegate<Func<MethodInfo, Func<object, object?>>>()(method)
                    : Undefined;
                members[name] = getter;
            }
            return getter;
        }
    }

    private static Func<object, object?> Getter<TOwner, TValue>(MethodInfo method)
    {
        var typed = method.CreateDelegate<Func<TOwner, TValue>>();
        return owner => typed((TOwner)owner);
    }

    // Handlebars' truthiness: null, false, "", 0 and empty lists are false.
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int n => n != 0,
        long n => n != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => true,
    };

    private string Format(object? value, int line) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? throw new TemplateException(_name, line, $"{value.GetType().Name} prints as null"),
    };
}

/// <summary>A template that does not parse or does not fit the model; names the template and its line.</summary>
public sealed class TemplateException(string template, int line, string message)
    : InvalidOperationException($"{template}:{line}: {message}");
