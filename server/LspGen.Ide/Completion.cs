using System.Globalization;
using System.Text;
using LspGen.Spec;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Completion at the caret, also in half-typed and invalid YAML: the keys allowed in the caret's mapping
/// that are not written yet, the values of keys with a closed set of values (field types, enums,
/// booleans, entity names after <c>references:</c>) and snippets for a new entity or field. Where the
/// caret is comes from <see cref="CaretContext"/> (indentation of the raw lines), not from the YAML tree,
/// so completion behaves the same whether or not the text parses.
/// </summary>
public static class Completion
{
    public static IReadOnlyList<CompletionItem> At(IdeDocument doc, Position caret)
    {
        if (doc.Kind == DocumentKind.Prd) return PrdCompletion.At(doc, doc.Clamp(caret));
        var context = CaretContext.At(doc, caret);
        return context.Slot switch
        {
            CaretSlot.Key => Keys(doc, context),
            CaretSlot.Value => Values(doc, context),
            CaretSlot.ListItem => NewItem(context, context.TokenRange, context.Column),
            _ => [],
        };
    }

    private static IReadOnlyList<CompletionItem> Keys(IdeDocument doc, CaretContext context)
    {
        var items = new List<CompletionItem>();
        var keys = SpecFormat.KeysOf(context.Level);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (context.PresentKeys.Contains(key.Name)) continue;
            var (text, snippet) = context.ColonFollows || context.InFlow ? (Quoted(key.Name, context.Quote), false) : KeyInsertText(doc, key, context);
            if (context.InFlow && !context.ColonFollows) text += ": ";
            var sort = (key.Required ? "0" : "1") + i.ToString("D2", CultureInfo.InvariantCulture);
            items.Add(new CompletionItem(key.Name, CompletionKind.Key, (key.Required ? "required " : "optional ") + SpecFormat.Describe(context.Level) + " key",
                SpecFormat.KeyMarkdown(context.Level, key), text, snippet, context.TokenRange, sort,
                Preselect: key.Name == "name" && context.StartsItem));
        }
        // "- |" on a fresh list item: the whole new entity or field is one snippet away.
        if (context.StartsItem && !context.ColonFollows && context.PresentKeys.Count == 0 && context.ListKey is not null)
        {
            var range = new SourceRange(context.TokenRange.Start with { Character = context.DashColumn }, context.TokenRange.End);
            items.AddRange(NewItem(context, range, context.DashColumn));
        }
        return [.. items.OrderBy(i => i.SortText, StringComparer.Ordinal)];
    }

    /// <summary>What to insert for a key typed on an empty line: "key: " plus a choice, a first value or a block.</summary>
    private static (string Text, bool IsSnippet) KeyInsertText(IdeDocument doc, SpecKey key, CaretContext context)
    {
        var c = context.Column;
        string Pad(int n) => "\n" + new string(' ', c + n);
        var choices = SpecFormat.ValuesOf(context.Level, key.Name);
        if (context.Level == SpecLevel.Field && key.Name == "type")
            return ("type: ${1|" + SpecFormat.TypeChoice + "|}", true);
        if (context.Level == SpecLevel.Field && key.Name == "references" && doc.EntityNamesInText.Count > 0)
            return ("references: ${1|" + string.Join(",", doc.EntityNamesInText.Distinct(StringComparer.Ordinal).Select(EscapeChoice)) + "|}", true);
        if (choices is { Count: 1 }) return (key.Name + ": " + choices[0].Value, false);
        if (choices is { Count: > 1 }) return (key.Name + ": ${1|" + string.Join(",", choices.Select(v => EscapeChoice(v.Value))) + "|}", true);
        return (context.Level, key.Name) switch
        {
            (SpecLevel.Top, "database") => ("database:" + Pad(2) + "type: postgres", false),
            (SpecLevel.Top, "auth") => ("auth:" + Pad(2) + "enabled: ${1|true,false|}", true),
            (SpecLevel.Top, "entities") => ("entities:" + Pad(2) + EntitySnippet(c + 2), true),
            (SpecLevel.Top, "user_stories") => ("user_stories:" + Pad(2) + UserStorySnippet(c + 2), true),
            (SpecLevel.Top, "integrations") => ("integrations:" + Pad(2) + IntegrationSnippet(c + 2), true),
            (SpecLevel.Entity, "fields") => ("fields:" + Pad(2) + FieldSnippet(c + 2), true),
            _ when key.Kind == SpecValueKind.Integer => (key.Name + ": ${1:" + key.Example + "}", true),
            _ => (key.Name + ": ", false),
        };
    }

    private static List<CompletionItem> Values(IdeDocument doc, CaretContext context)
    {
        var key = context.Key!;
        // "type:|" with no blank yet: the value needs one in front of it to stay YAML.
        var line = doc.LineText(context.TokenRange.Start.Line);
        var start = context.TokenRange.Start.Character;
        var lead = start > 0 && start <= line.Length && line[start - 1] == ':' ? " " : "";
        var items = new List<CompletionItem>();
        if (context.Level == SpecLevel.Field && key == "type")
        {
            for (var i = 0; i < FieldTypes.All.Count; i++)
            {
                var type = FieldTypes.All[i];
                items.Add(new CompletionItem(type.Name, CompletionKind.FieldType, "field type", SpecFormat.TypeMarkdown(type),
                    lead + Quoted(type.Name, context.Quote), false, context.TokenRange, i.ToString("D2", CultureInfo.InvariantCulture), Preselect: false));
            }
            return items;
        }
        if (context.Level == SpecLevel.Field && key == "references")
        {
            var names = doc.EntityNamesInText.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                items.Add(new CompletionItem(name, CompletionKind.Entity, "entity",
                    $"Foreign key to the primary key of **{name}** (table `{SpecSummary.TableOf(name, TableNameOf(doc, name))}`).",
                    lead + Quoted(name, context.Quote), false, context.TokenRange, i.ToString("D4", CultureInfo.InvariantCulture), Preselect: false));
            }
            return items;
        }
        if (SpecFormat.ValuesOf(context.Level, key) is not { } values) return items;
        for (var i = 0; i < values.Count; i++)
        {
            var (value, documentation) = values[i];
            // In quotes (JSON) a text value keeps them; a boolean never has any.
            var text = value is "true" or "false" || context.Quote == '\0' ? value : Quoted(CaretContext.Unquote(value), context.Quote);
            items.Add(new CompletionItem(value, CompletionKind.Value, SpecFormat.Describe(context.Level) + "." + key, documentation,
                lead + text, false, context.TokenRange, i.ToString("D2", CultureInfo.InvariantCulture), Preselect: values.Count == 1));
        }
        return items;
    }

    private static string Quoted(string text, char quote) => quote == '\0' ? text : quote + text + quote;

    private static string? TableNameOf(IdeDocument doc, string entity) =>
        doc.Spec.Entities.FirstOrDefault(e => e.Name.Value == entity)?.TableName?.Value;

    /// <summary>The snippet of a new item of <see cref="CaretContext.ListKey"/>, with its "- " at <paramref name="dashColumn"/>.</summary>
    private static List<CompletionItem> NewItem(CaretContext context, SourceRange range, int dashColumn) => context.ListKey switch
    {
        "entities" => [Snippet("new entity", "An entity with a uuid primary key and one field.", EntitySnippet(dashColumn), range)],
        "fields" => [Snippet("new field", "A field with a name and a type.", FieldSnippet(dashColumn), range)],
        "user_stories" => [Snippet("new user story", "As a role, I want a goal (so that a benefit).", UserStorySnippet(dashColumn), range)],
        "integrations" => [Snippet("new integration", "An external service and what it is for.", IntegrationSnippet(dashColumn), range)],
        _ => [],
    };

    private static CompletionItem Snippet(string label, string documentation, string text, SourceRange range) =>
        new(label, CompletionKind.Snippet, "snippet", documentation + "\n\n```yaml\n" + PlainPreview(text) + "\n```", text, true, range, "2" + label, Preselect: false);

    // Snippets carry the absolute indentation of every line after the first (see CompletionItem).
    internal static string EntitySnippet(int d) =>
        "- name: ${1:Entity}" + Line(d + 2, "fields:") + Line(d + 4, "- name: id") + Line(d + 6, "type: uuid")
        + Line(d + 6, "primary_key: true") + Line(d + 4, "- name: ${2:name}") + Line(d + 6, "type: ${3|" + SpecFormat.TypeChoice + "|}$0");

    internal static string FieldSnippet(int d) => "- name: ${1:name}" + Line(d + 2, "type: ${2|" + SpecFormat.TypeChoice + "|}$0");

    private static string UserStorySnippet(int d) => "- role: ${1:user}" + Line(d + 2, "goal: ${2:what they want}") + Line(d + 2, "benefit: ${3:why}$0");

    private static string IntegrationSnippet(int d) => "- name: ${1:Service}" + Line(d + 2, "purpose: ${2:what it is for}$0");

    private static string Line(int indent, string text) => "\n" + new string(' ', indent) + text;

    /// <summary>A snippet as it reads after insertion with its default choices (for the documentation preview).</summary>
    private static string PlainPreview(string snippet)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < snippet.Length; i++)
        {
            if (snippet[i] != '$') { sb.Append(snippet[i]); continue; }
            if (i + 1 < snippet.Length && char.IsDigit(snippet[i + 1])) { i++; continue; }
            var close = snippet.IndexOf('}', i);
            var body = snippet[(i + 2)..close];
            var colon = body.IndexOf(':');
            var bar = body.IndexOf('|');
            sb.Append(colon >= 0 ? body[(colon + 1)..] : bar >= 0 ? body[(bar + 1)..].Split(',')[0].TrimEnd('|') : "");
            i = close;
        }
        return sb.ToString();
    }

    // Inside ${1|a,b|} a comma, pipe, dollar, brace or backslash in a choice must be escaped.
    private static string EscapeChoice(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is ',' or '|' or '$' or '}' or '\\') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
