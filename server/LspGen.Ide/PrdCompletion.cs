using System.Globalization;
using LspGen.Spec;
using LspGen.Spec.Syntax;

namespace LspGen.Ide;

/// <summary>
/// Completion in a PRD (markdown): the section headings the PRD front end reads, field types (and entity
/// names, which make reference fields) inside "( … )" of a field and after "name:" of a field bullet,
/// and the modifiers after the type. Read from the caret's line only: a PRD is written line by line.
/// </summary>
internal static class PrdCompletion
{
    private static readonly (string Title, string Documentation, string Marker)[] Sections =
    [
        ("Entities", "The data model: one bullet per entity, e.g. `- Project: name (string, required), status (string)`.", "entit"),
        ("User Stories", "One bullet per story: `- As a role, I want goal so that benefit.`", "stor"),
        ("Integrations", "External services, e.g. `- Stripe (payments)`.", "integration"),
    ];

    private static readonly (string Word, string Documentation)[] Modifiers =
    [
        ("required", "The field must be given (not nullable)."),
        ("optional", "The field may be missing (nullable)."),
        ("unique", "Adds a unique constraint."),
        ("indexed", "Adds a database index."),
        ("primary key", "Marks the primary key (uuid or integer)."),
    ];

    public static IReadOnlyList<CompletionItem> At(IdeDocument doc, Position caret)
    {
        var line = doc.LineText(caret.Line);
        var c = Math.Min(caret.Character, line.Length);
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#')) return Headings(doc, caret.Line, line, c);
        var bullet = trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal);
        if (!bullet) return [];

        var wordStart = c;
        while (wordStart > 0 && (char.IsLetterOrDigit(line[wordStart - 1]) || line[wordStart - 1] is '_' or '-')) wordStart--;
        var wordEnd = c;
        while (wordEnd < line.Length && (char.IsLetterOrDigit(line[wordEnd]) || line[wordEnd] is '_' or '-')) wordEnd++;
        var range = new SourceRange(new Position(caret.Line, wordStart), new Position(caret.Line, wordEnd));

        var open = line.LastIndexOf('(', Math.Max(0, c - 1));
        if (open >= 0 && line.IndexOf(')', open) is var close && (close < 0 || close >= c))
        {
            // "(type, modifier, …)": the first word is the type, the others are modifiers.
            var before = line[(open + 1)..wordStart];
            return before.Trim().Length == 0 ? Types(doc, range) : before.TrimEnd().EndsWith(',') ? ModifierItems(range) : [];
        }
        // "- due_date: datetime": after a lower-case name and its colon comes the type (an upper-case name is an entity bullet).
        var dash = line.IndexOf(trimmed[0]);
        var colon = line.IndexOf(':', dash);
        if (colon > dash && colon < wordStart && line[(colon + 1)..wordStart].Trim().Length == 0)
        {
            var name = line[(dash + 1)..colon].Trim();
            if (name.Length > 0 && !char.IsUpper(name[0]) && !name.Contains(' ', StringComparison.Ordinal)) return Types(doc, range);
        }
        return [];
    }

    private static List<CompletionItem> Headings(IdeDocument doc, int caretLine, string line, int c)
    {
        var hashes = line.TrimStart().TakeWhile(ch => ch == '#').Count();
        var textStart = line.IndexOf('#') + hashes;
        while (textStart < line.Length && line[textStart] == ' ') textStart++;
        if (hashes < 2 || c < textStart) return [];
        var present = new List<string>();
        for (var l = 0; l < doc.Lines.LineCount; l++)
        {
            var text = doc.LineText(l).TrimStart();
            if (l != caretLine && text.StartsWith('#')) present.Add(text.TrimStart('#').Trim().ToLowerInvariant());
        }
        var range = new SourceRange(new Position(caretLine, textStart), new Position(caretLine, Math.Max(c, line.TrimEnd().Length)));
        var items = new List<CompletionItem>();
        for (var i = 0; i < Sections.Length; i++)
        {
            var (title, documentation, marker) = Sections[i];
            if (present.Any(p => p.Contains(marker, StringComparison.Ordinal))) continue;
            items.Add(new CompletionItem(title, CompletionKind.Key, "PRD section", documentation, title, false, range,
                i.ToString("D2", CultureInfo.InvariantCulture), Preselect: false));
        }
        return items;
    }

    private static List<CompletionItem> Types(IdeDocument doc, SourceRange range)
    {
        var items = new List<CompletionItem>();
        for (var i = 0; i < FieldTypes.All.Count; i++)
        {
            var type = FieldTypes.All[i];
            items.Add(new CompletionItem(type.Name, CompletionKind.FieldType, "field type", SpecFormat.TypeMarkdown(type), type.Name, false, range,
                "0" + i.ToString("D2", CultureInfo.InvariantCulture), Preselect: false));
        }
        var names = doc.Spec.Entities.Select(e => e.Name.Value).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            items.Add(new CompletionItem(names[i], CompletionKind.Entity, "entity (a reference field)",
                $"A reference to **{names[i]}**: the field becomes a foreign key to its primary key.", names[i], false, range,
                "1" + i.ToString("D4", CultureInfo.InvariantCulture), Preselect: false));
        }
        return items;
    }

    private static List<CompletionItem> ModifierItems(SourceRange range) =>
        [.. Modifiers.Select((m, i) => new CompletionItem(m.Word, CompletionKind.Value, "field modifier", m.Documentation, m.Word, false, range,
            i.ToString("D2", CultureInfo.InvariantCulture), Preselect: false))];
}
