using System.Globalization;
using LspGen.Spec.Diagnostics;
using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Prd;

/// <summary>What the PRD front end read: the spec model (ranges into the markdown) and the PRD-only diagnostics.</summary>
internal sealed record PrdParseResult(SpecDocument Document, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads PRD markdown into a <see cref="SpecDocument"/> in one pass over the lines (each line is looked
/// at a constant number of times; no regular expressions, so no backtracking). Decisions:
/// the first H1 outside YAML front matter is the title (project_name = its snake_case), else the file name;
/// the first paragraph after it is the description; entity sections (Entities, Data Models …, levels 1–3)
/// hold entity bullets, sub-headings with field bullets, and tables; any heading at the entity heading's
/// level or above, or a known section name at any level, ends the section. Names are normalised here
/// (with LSG105), aliases mapped (LSG104), and a type naming a declared entity becomes a reference
/// field <c>&lt;name&gt;_id</c> of the target's key type.
/// </summary>
internal sealed class PrdParser
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<EntityDraft> _entities = [];
    private readonly List<UserStorySpec> _stories = [];
    private readonly List<IntegrationSpec> _integrations = [];
    private readonly HashSet<string> _integrationNames = new(StringComparer.OrdinalIgnoreCase);

    private PrdSection _section = PrdSection.Preamble;
    private int _sectionLevel;
    private Span? _entitySectionHeading;
    private bool _entitySectionSeen;
    private EntityDraft? _headingEntity;      // "### Comment" inside the entity section
    private bool _headingIsGroup;           // it holds a table or entity bullets: a group title, not an entity
    private EntityDraft? _bulletEntity;       // "- Project" (bare) or "- Project: …", for indented field bullets
    private readonly List<Span> _table = [];
    private Located<string>? _title;
    private readonly List<Span> _description = [];
    private bool _descriptionDone;

    public static PrdParseResult Parse(string markdown, string? fileName)
    {
        var parser = new PrdParser();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return parser.Run(lines, fileName);
    }

    private PrdParseResult Run(string[] lines, string? fileName)
    {
        var first = SkipFrontMatter(lines);
        string? fence = null;
        for (var n = first; n < lines.Length; n++)
        {
            var line = Span.Of(lines[n], n);
            var trimmed = line.Trim();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence)) fence = null;
                continue;
            }
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                FlushTable();
                fence = trimmed.Text[..3];
                if (_section is PrdSection.Entities or PrdSection.UserStories or PrdSection.Integrations)
                    Ignored(trimmed, "This code block");
                continue;
            }
            if (Heading(line) is { } heading)
            {
                FlushTable();
                OnHeading(heading.Level, heading.Title, line);
                continue;
            }
            if (trimmed.IsEmpty)
            {
                FlushTable();
                if (_description.Count > 0) _descriptionDone = true;
                continue;
            }
            if (trimmed.StartsWith("<!--") || IsRule(trimmed)) continue;
            if (trimmed[0] == '|')
            {
                _table.Add(trimmed);
                continue;
            }
            FlushTable();
            switch (_section)
            {
                case PrdSection.Preamble:
                    // The description is prose: a list or quote before it (status, owner …) is skipped, after it ends it.
                    if (Bullet(trimmed) is not null || trimmed[0] == '>') _descriptionDone |= _description.Count > 0;
                    else if (!_descriptionDone) _description.Add(trimmed);
                    break;
                case PrdSection.Entities:
                    OnEntityLine(line, trimmed);
                    break;
                case PrdSection.UserStories:
                    OnStoryLine(trimmed);
                    break;
                case PrdSection.Integrations:
                    OnIntegrationLine(trimmed);
                    break;
            }
        }
        FlushTable();
        CloseHeadingEntity();
        return Finish(lines, fileName);
    }

    private static int SkipFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---") return 0;
        for (var n = 1; n < lines.Length; n++)
            if (lines[n].Trim() is "---" or "...") return n + 1;
        return 0; // not closed: not front matter
    }

    private static bool IsRule(Span trimmed)
    {
        if (trimmed.Length < 3) return false;
        var c = trimmed[0];
        if (c is not ('-' or '*' or '_' or '=')) return false;
        for (var i = 0; i < trimmed.Length; i++)
            if (trimmed[i] != c && trimmed[i] != ' ') return false;
        return true;
    }

    private static (int Level, Span Title)? Heading(Span line)
    {
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        var hashes = 0;
        while (i + hashes < line.Length && line[i + hashes] == '#') hashes++;
        if (hashes is 0 or > 6) return null;
        var rest = line.From(i + hashes);
        if (!rest.IsEmpty && rest[0] != ' ' && rest[0] != '\t') return null;
        var title = rest.Trim();
        var end = title.Length;
        while (end > 0 && title[end - 1] == '#') end--;
        if (end < title.Length && (end == 0 || title[end - 1] == ' ')) title = title.To(end).Trim();
        return (hashes, title);
    }

    // ---- sections -------------------------------------------------------------------------------

    private void OnHeading(int level, Span title, Span line)
    {
        var normalised = PrdVocabulary.NormaliseTitle(title.Text);
        var kind = PrdVocabulary.Classify(normalised);
        if (level == 1 && _title is null && kind is null or PrdSection.Other && !title.StripMarks().IsEmpty)
        {
            _title = new Located<string>(title.StripMarks().Text, title.StripMarks().Range);
            return;
        }
        _descriptionDone = true;
        if (kind == PrdSection.Entities && level <= 3)
        {
            EnterSection(PrdSection.Entities, level);
            _entitySectionHeading = title;
            _entitySectionSeen = true;
            return;
        }
        if (kind is { } known && known != PrdSection.Entities)
        {
            EnterSection(known, level);
            return;
        }
        if (_section == PrdSection.Entities && level > _sectionLevel)
        {
            CloseHeadingEntity();
            _bulletEntity = null;
            var name = WithoutNumbering(title.StripMarks()).StripMarks();
            if (!IsNameLike(name, 5))
            {
                Ignored(title.IsEmpty ? line : title, "This heading", " (an entity heading is the entity's name, such as '### Comment')");
                _headingEntity = null;
                return;
            }
            _headingEntity = new EntityDraft(name, line.Range) { FromHeading = true };
            _headingIsGroup = false;
            _entities.Add(_headingEntity); // in document order; dropped when no field follows
            return;
        }
        if (_section is PrdSection.UserStories or PrdSection.Integrations && level > _sectionLevel) return;
        EnterSection(PrdSection.Other, level);
    }

    /// <summary>"3.1 Comment" → "Comment".</summary>
    private static Span WithoutNumbering(Span title)
    {
        var i = 0;
        while (i < title.Length && (char.IsAsciiDigit(title[i]) || title[i] is '.' or ')')) i++;
        return i > 0 && char.IsAsciiDigit(title[0]) && i < title.Length && title[i] == ' ' ? title.From(i).Trim() : title;
    }

    private void EnterSection(PrdSection section, int level)
    {
        CloseHeadingEntity();
        _bulletEntity = null;
        _section = section;
        _sectionLevel = level;
    }

    private void CloseHeadingEntity()
    {
        if (_headingEntity is { } entity)
        {
            if (entity.Fields.Count == 0 && !entity.Failed) entity.Dropped = true;
            if (entity.Dropped && !_headingIsGroup)
                Ignored(entity.Name, FormattableString.Invariant($"The heading '{Short(entity.Name.Text)}'"),
                    " (an entity heading needs field bullets below it, such as '- title: string (required)')");
        }
        _headingEntity = null;
    }

    // ---- entity section ----------------------------------------------------------------------

    private void OnEntityLine(Span line, Span trimmed)
    {
        var bullet = Bullet(line);
        if (bullet is null)
        {
            Ignored(trimmed, "This line");
            return;
        }
        var (indent, content) = bullet.Value;
        if (indent >= 2 && _bulletEntity is { } parent)
        {
            ReadFieldBullet(parent, content, trimmed);
            return;
        }
        _bulletEntity = null;
        if (_headingEntity is { } headed && !LooksLikeEntityBullet(content))
        {
            ReadFieldBullet(headed, content, trimmed);
            return;
        }
        if (_headingEntity is not null) _headingIsGroup = true;
        ReadEntityBullet(content, trimmed);
    }

    /// <summary>"- Project: name (string, required), status (string)", or a bare "- Project" with indented field bullets.</summary>
    private void ReadEntityBullet(Span content, Span lineRange)
    {
        var colon = content.IndexOfTopLevel(':');
        var name = (colon < 0 ? content : content.To(colon)).StripMarks();
        var rest = colon < 0 ? content.From(content.Length) : content.From(colon + 1).Trim();
        if (!IsNameLike(name, 5))
        {
            Ignored(lineRange, "This bullet");
            return;
        }
        var entity = new EntityDraft(name, lineRange.Range);
        if (rest.IsEmpty)
        {
            entity.Bare = true;
            _entities.Add(entity);
            _bulletEntity = entity;
            return;
        }
        if (rest.IndexOf("(") < 0)
        {
            // "- Task: title: string, done: boolean" is a declaration too; anything else is prose.
            var pairs = rest.TrimEndChars(".").SplitTopLevel(',');
            if (pairs.Count == 0 || !pairs.All(IsNameTypePair))
            {
                Ignored(lineRange, "This bullet", " (an entity bullet lists its fields as 'name (type, modifiers)')");
                return;
            }
            _entities.Add(entity);
            _bulletEntity = entity;
            foreach (var pair in pairs)
            {
                var cut = pair.IndexOf(":");
                AddField(entity, NewField(pair.To(cut).StripMarks(), pair.From(cut + 1).StripMarks(), [], null, pair.Range));
            }
            return;
        }
        _entities.Add(entity);
        _bulletEntity = entity;
        foreach (var item in rest.TrimEndChars(".").SplitTopLevel(','))
            AddField(entity, ParseParenField(item, item.Range));
    }

    /// <summary>"- body: text (required)", "- due-date: datetime, optional", "- title (string, required)".</summary>
    private void ReadFieldBullet(EntityDraft entity, Span content, Span lineRange)
    {
        var colon = content.IndexOfTopLevel(':');
        if (colon < 0)
        {
            if (content.IndexOf("(") > 0) AddField(entity, ParseParenField(content.TrimEndChars("."), lineRange.Range));
            else Ignored(lineRange, "This bullet");
            return;
        }
        var name = content.To(colon).StripMarks();
        var rest = content.From(colon + 1).Trim();
        if (!IsNameLike(name, 4))
        {
            Ignored(lineRange, "This bullet");
            return;
        }
        if (rest.IsEmpty)
        {
            AddField(entity, Failure(content, lineRange.Range, "there is no type after ':'"));
            return;
        }
        var (main, description) = SplitDescription(rest);
        Span type;
        List<Span> modifiers;
        var open = main.IndexOf("(");
        if (open > 0)
        {
            var close = main.ClosingParen(open);
            if (close < 0 || !main.From(close + 1).Trim().IsEmpty)
            {
                AddField(entity, Failure(content, lineRange.Range, close < 0 ? "the '(' is not closed" : "there is text after ')'"));
                return;
            }
            type = main.To(open).StripMarks();
            modifiers = main.Slice(open + 1, close).SplitTopLevel(',');
        }
        else
        {
            var parts = main.TrimEndChars(".").SplitTopLevel(',');
            type = parts.Count > 0 ? parts[0].StripMarks() : main;
            modifiers = parts.Skip(1).ToList();
        }
        if (TypeProblem(type) is { } problem)
        {
            AddField(entity, Failure(content, lineRange.Range, problem));
            return;
        }
        AddField(entity, NewField(name, type, modifiers, description, lineRange.Range));
    }

    private static bool IsNameTypePair(Span item)
    {
        var colon = item.IndexOf(":");
        if (colon <= 0) return false;
        var type = item.From(colon + 1).StripMarks();
        return IsNameLike(item.To(colon).StripMarks(), 4) && !type.IsEmpty && TypeProblem(type) is null && IsNameLike(type, 1);
    }

    /// <summary>"title (string, required)" with an optional " — description" after the ')'.</summary>
    private FieldDraft ParseParenField(Span item, SourceRange range)
    {
        var open = item.IndexOf("(");
        if (open <= 0) return Failure(item, range, "expected 'name (type)'");
        var close = item.ClosingParen(open);
        if (close < 0) return Failure(item, range, "the '(' is not closed");
        var name = item.To(open).StripMarks();
        if (!IsNameLike(name, 4)) return Failure(item, range, FormattableString.Invariant($"'{Short(name.Text)}' is not a field name"));
        var after = item.From(close + 1).Trim();
        Span? description = null;
        if (!after.IsEmpty)
        {
            if (after[0] is '-' or '–' or '—' or ':') description = after.From(1).Trim();
            else return Failure(item, range, "there is text after ')'");
        }
        var parts = item.Slice(open + 1, close).SplitTopLevel(',');
        if (parts.Count == 0) return Failure(item, range, "the parentheses hold no type");
        var type = parts[0].StripMarks();
        if (IsModifierList(type))
            return Failure(item, range, FormattableString.Invariant($"'{Short(type.Text)}' is a modifier, and the type must come first, e.g. '{Short(name.Text)} (string, {Short(type.Text)})'"));
        if (TypeProblem(type) is { } problem) return Failure(item, range, problem);
        return NewField(name, type, parts.Skip(1).ToList(), description, range);
    }

    private static (Span Main, Span? Description) SplitDescription(Span rest)
    {
        foreach (var dash in new[] { " — ", " – ", " - " })
        {
            var at = rest.IndexOf(dash);
            if (at > 0) return (rest.To(at).Trim(), rest.From(at + dash.Length).Trim());
        }
        return (rest, null);
    }

    private static string? TypeProblem(Span type)
    {
        if (type.IsEmpty) return "there is no type";
        if (type.Text.Contains(' ', StringComparison.Ordinal) && FieldTypes.CanonicalOf(type.Text) is null)
            return FormattableString.Invariant($"the type '{Short(type.Text)}' is not one word (types: {string.Join(", ", FieldTypes.Names)}, or an entity name)");
        return null;
    }

    /// <summary>In a "### Comment" section: "- Project: name (string, …)" is an entity bullet, "- post: Post (required)" a field bullet.</summary>
    private static bool LooksLikeEntityBullet(Span content)
    {
        var colon = content.IndexOfTopLevel(':');
        if (colon < 0) return false;
        var items = content.From(colon + 1).SplitTopLevel(',');
        if (items.Count == 0) return false;
        var first = items[0];
        var open = first.IndexOf("(");
        if (open <= 0) return false;
        var close = first.ClosingParen(open);
        if (close < 0) return false;
        var inner = first.Slice(open + 1, close).SplitTopLevel(',');
        return inner.Count > 0 && FieldTypes.CanonicalOf(inner[0].StripMarks().Text) is not null;
    }

    // ---- tables -------------------------------------------------------------------------------

    private void FlushTable()
    {
        if (_table.Count == 0) return;
        var rows = _table.ToList();
        _table.Clear();
        if (_section != PrdSection.Entities)
        {
            if (_section is PrdSection.UserStories or PrdSection.Integrations) Ignored(rows[0], "This table");
            return;
        }
        if (rows.Count < 2 || !IsSeparatorRow(Cells(rows[1])))
        {
            Ignored(rows[0], "This table", " (a markdown table needs a header row and a '|---|' row)");
            return;
        }
        var header = Cells(rows[0]).Select(c => PrdVocabulary.NormaliseTitle(c.Text)).ToList();
        int Column(params string[] names) => header.FindIndex(h => names.Contains(h, StringComparer.Ordinal));
        var entityColumn = Column("entity", "model", "table", "entity name");
        var fieldColumn = Column("field", "name", "field name", "column", "attribute", "property");
        var typeColumn = Column("type", "data type", "field type");
        var modifierColumn = Column("modifiers", "constraints", "options", "attributes", "flags");
        var descriptionColumn = Column("description", "notes");
        if (fieldColumn < 0 || typeColumn < 0)
        {
            Ignored(rows[0], "This table", " (an entity table needs the columns Field and Type, and Entity unless it is under an entity heading)");
            return;
        }
        if (_headingEntity is not null) _headingIsGroup = true;
        EntityDraft? current = entityColumn < 0 ? _headingEntity : null;
        string? currentName = null;
        foreach (var row in rows.Skip(2))
        {
            var cells = Cells(row);
            Span? Cell(int column) => column >= 0 && column < cells.Count && !cells[column].IsEmpty ? cells[column] : null;
            if (entityColumn >= 0 && Cell(entityColumn) is { } entityCell)
            {
                var entityName = entityCell.StripMarks();
                if (current is null || currentName != entityName.Text)
                {
                    current = new EntityDraft(entityName, row.Range);
                    currentName = entityName.Text;
                    _entities.Add(current);
                }
            }
            if (current is null)
            {
                _diagnostics.Add(Diagnostic.Create(Descriptors.UnparseableField, row.Range, Short(row.Text), "the row names no entity"));
                continue;
            }
            if (Cell(fieldColumn) is not { } nameCell || Cell(typeColumn) is not { } typeCell)
            {
                AddField(current, Failure(row, row.Range, "the row needs a field name and a type"));
                continue;
            }
            var type = typeCell.StripMarks();
            var modifiers = Cell(modifierColumn) is { } m ? m.SplitTopLevel(',') : [];
            AddField(current, TypeProblem(type) is { } problem ? Failure(row, row.Range, problem)
                : NewField(nameCell.StripMarks(), type, modifiers, Cell(descriptionColumn), row.Range));
        }
    }

    private static List<Span> Cells(Span row)
    {
        var inner = row.Trim();
        if (!inner.IsEmpty && inner[0] == '|') inner = inner.From(1);
        if (!inner.IsEmpty && inner[inner.Length - 1] == '|') inner = inner.To(inner.Length - 1);
        var cells = new List<Span>();
        var from = 0;
        for (var i = 0; i <= inner.Length; i++)
        {
            if (i == inner.Length || (inner[i] == '|' && (i == 0 || inner[i - 1] != '\\')))
            {
                cells.Add(inner.Slice(from, i).Trim());
                from = i + 1;
            }
        }
        return cells;
    }

    private static bool IsSeparatorRow(List<Span> cells) =>
        cells.Count > 0 && cells.All(c => c.Length > 0 && c.Text.All(ch => ch is '-' or ':' or ' ') && c.Text.Contains('-', StringComparison.Ordinal));

    // ---- fields -------------------------------------------------------------------------------

    private FieldDraft NewField(Span name, Span type, List<Span> modifiers, Span? description, SourceRange range)
    {
        var field = new FieldDraft(name, type, range);
        if (description is { IsEmpty: false } d) field.Description = new Located<string>(d.Text, d.Range);
        foreach (var modifier in modifiers) ApplyModifiers(field, modifier);
        return field;
    }

    private FieldDraft Failure(Span text, SourceRange range, string problem)
    {
        _diagnostics.Add(Diagnostic.Create(Descriptors.UnparseableField, text.Range, Short(text.Text), problem));
        return new FieldDraft(text, text, range) { Failed = true };
    }

    private static void AddField(EntityDraft entity, FieldDraft field)
    {
        if (field.Failed) entity.Failed = true;
        else entity.Fields.Add(field);
        if (field.Range.End > entity.End) entity.End = field.Range.End;
    }

    private static readonly string[] ModifierWords =
        ["required", "optional", "unique", "non-unique", "indexed", "index", "primary key", "nullable", "not required", "max length"];

    private static bool IsModifierList(Span text)
    {
        var words = text.Words();
        return words.Count > 0 && words.All(w => ModifierWord(w.TrimChars(".").Text) is not null);
    }

    private static string? ModifierWord(string word) => word.ToLowerInvariant() switch
    {
        "required" or "mandatory" or "optional" or "nullable" or "unique" or "non-unique" or "nonunique" or "indexed"
            or "index" or "unindexed" or "not" or "primary" or "key" or "pk" => word,
        _ => null,
    };

    /// <summary>Modifiers are whole words; "not required" and "non-unique" are the opposite of the modifier, never the modifier.</summary>
    private void ApplyModifiers(FieldDraft field, Span modifier)
    {
        var words = modifier.Words().Select(w => w.TrimChars(".;")).Where(w => !w.IsEmpty).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var w = word.Text.ToLowerInvariant();
            var next = i + 1 < words.Count ? words[i + 1].Text.ToLowerInvariant() : null;
            Located<bool> Value(bool value, int wordsUsed) =>
                new(value, SourceRange.Of(word.LineNo, word.Start, word.LineNo, words[i + wordsUsed - 1].End));
            switch (w)
            {
                case "not" when next is "required" or "mandatory":
                    field.Nullable = Value(true, 2); i++; break;
                case "not" when next is "null":
                    field.Nullable = Value(false, 2); i++; break;
                case "not" when next is "unique":
                    field.Unique = Value(false, 2); i++; break;
                case "not" when next is "indexed":
                    field.Index = Value(false, 2); i++; break;
                case "primary" when next is "key":
                    field.PrimaryKey = Value(true, 2); i++; break;
                case "pk" or "primary":
                    field.PrimaryKey = Value(true, 1); break;
                case "required" or "mandatory":
                    field.Nullable = Value(false, 1); break;
                case "optional" or "nullable":
                    field.Nullable = Value(true, 1); break;
                case "unique":
                    field.Unique = Value(true, 1); break;
                case "non-unique" or "nonunique":
                    field.Unique = Value(false, 1); break;
                case "indexed" or "index":
                    field.Index = Value(true, 1); break;
                case "unindexed" or "non-indexed":
                    field.Index = Value(false, 1); break;
                case "max" or "maxlength" or "max_length" or "max-length":
                {
                    var j = i + 1;
                    if (j < words.Count && words[j].Text.Equals("length", StringComparison.OrdinalIgnoreCase)) j++;
                    if (j < words.Count && long.TryParse(words[j].TrimChars(":=").Text, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                    {
                        field.MaxLength = new Located<long>(max, SourceRange.Of(word.LineNo, word.Start, word.LineNo, words[j].End));
                        i = j;
                    }
                    else UnknownModifier(word);
                    break;
                }
                default:
                    UnknownModifier(word);
                    break;
            }
        }
    }

    private void UnknownModifier(Span word)
    {
        var nearest = Suggestions.Nearest(word.Text.ToLowerInvariant(), ModifierWords, 2);
        var diagnostic = Diagnostic.Create(Descriptors.UnknownModifier, word.Range, Short(word.Text),
            nearest is null ? "" : FormattableString.Invariant($" (did you mean '{nearest}'?)"));
        _diagnostics.Add(nearest is null ? diagnostic : diagnostic.WithData("replacement", nearest));
    }

    // ---- user stories and integrations ------------------------------------------------------------

    private void OnStoryLine(Span trimmed)
    {
        var content = Bullet(trimmed)?.Content ?? trimmed;
        if (PrdStories.Parse(content) is { } story) _stories.Add(story);
        else Ignored(trimmed, "This line", " (a user story reads 'As a <role>, I want <goal> so that <benefit>.')");
    }

    private void OnIntegrationLine(Span trimmed)
    {
        var content = Bullet(trimmed)?.Content ?? trimmed;
        var found = PrdStories.Integrations(content);
        if (found.Count == 0)
        {
            Ignored(trimmed, "This line", " (no known service such as Stripe or SendGrid, and no 'Name (purpose)')");
            return;
        }
        foreach (var integration in found)
            if (_integrationNames.Add(integration.Name.Value)) _integrations.Add(integration);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /// <summary>"- x", "* x", "+ x", "1. x", "2) x", task boxes "- [ ] x": (indent, content).</summary>
    internal static (int Indent, Span Content)? Bullet(Span line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        var indent = i;
        if (i >= line.Length) return null;
        if (line[i] is '-' or '*' or '+') i++;
        else
        {
            var digits = i;
            while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
            if (i == digits || i - digits > 9 || i >= line.Length || line[i] is not ('.' or ')')) return null;
            i++;
        }
        if (i < line.Length && line[i] != ' ' && line[i] != '\t') return null;
        var content = line.From(i).Trim();
        if (content.StartsWith("[ ] ") || content.StartsWith("[x] ")) content = content.From(4).Trim();
        return content.IsEmpty ? null : (indent, content);
    }

    /// <summary>Up to <paramref name="maxWords"/> words of letters, digits, '-', '_', '/', starting with a letter.</summary>
    private static bool IsNameLike(Span name, int maxWords)
    {
        if (name.IsEmpty || name.Length > 64 || !char.IsLetter(name[0])) return false;
        var words = 1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == ' ') { if (name[i - 1] != ' ') words++; }
            else if (!char.IsLetterOrDigit(c) && c is not ('-' or '_' or '/' or '\'')) return false;
        }
        return words <= maxWords;
    }

    private void Ignored(Span text, string what, string hint = "") =>
        _diagnostics.Add(Diagnostic.Create(Descriptors.IgnoredLine, text.Range, what, hint));

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "...";

    // ---- resolution: names, types, references ----------------------------------------------------

    private PrdParseResult Finish(string[] lines, string? fileName)
    {
        var lastLine = lines.Length - 1;
        var documentRange = SourceRange.Of(0, 0, lastLine, lines[lastLine].Length);
        var entities = new List<EntitySpec>();

        foreach (var unnamed in _entities.Where(e => e.Name.IsEmpty))
            _diagnostics.Add(Diagnostic.Create(Descriptors.UnparseableField, new SourceRange(unnamed.Start, unnamed.End), "", "the entity has no name"));
        var drafts = _entities.Where(e => !e.Dropped && !e.Name.IsEmpty && (!e.Bare || e.Fields.Count > 0 || e.Failed)).ToList();
        foreach (var bare in _entities.Where(e => e.Bare && e.Fields.Count == 0 && !e.Failed))
            _diagnostics.Add(Diagnostic.Create(Descriptors.IgnoredLine, new SourceRange(bare.Start, bare.End),
                FormattableString.Invariant($"The bullet '{Short(bare.Name.Text)}'"),
                " (an entity bullet lists its fields, e.g. '- Project: name (string, required)', or has indented field bullets)"));

        if (!_entitySectionSeen)
            _diagnostics.Add(Diagnostic.Create(Descriptors.NoEntitySection, _title?.Range ?? SourceRange.At(0, 0), "This PRD has no entity section"));
        else if (drafts.Count == 0)
            _diagnostics.Add(Diagnostic.Create(Descriptors.NoEntitySection, _entitySectionHeading!.Value.Range,
                FormattableString.Invariant($"The section '{Short(_entitySectionHeading.Value.Text)}' declares no entity")));

        // Entity names first: a field type may name any entity, declared before or after it.
        var byName = new Dictionary<string, (string Name, string KeyType)>(StringComparer.Ordinal);
        var names = new List<Located<string>>();
        foreach (var draft in drafts)
        {
            var name = Normalise(draft.Name, Naming.ToPascalCase(draft.Name.Text), "entity name");
            names.Add(name);
            var keyType = draft.Fields.Any(f => f.PrimaryKey?.Value == true && FieldTypes.CanonicalOf(f.Type.Text) == FieldTypes.Integer)
                ? FieldTypes.Integer : FieldTypes.Uuid;
            byName.TryAdd(Naming.ToPascalCase(draft.Name.Text), (name.Value, keyType));
        }
        for (var e = 0; e < drafts.Count; e++)
        {
            var draft = drafts[e];
            var fields = draft.Fields.Select(f => Resolve(f, byName)).ToList();
            entities.Add(new EntitySpec(names[e], null, null, null, fields, new SourceRange(draft.Start, draft.End)));
        }

        var projectName = _title is { } title
            ? new Located<string>(ProjectIdentifier(title.Value), title.Range)
            : new Located<string>(ProjectIdentifier(FileStem(fileName)), SourceRange.At(0, 0));
        Located<string>? description = _description.Count == 0 ? null
            : new Located<string>(string.Join(' ', _description.Select(d => d.Text)),
                new SourceRange(_description[0].Range.Start, _description[^1].Range.End));

        var document = new SpecDocument(SourceKind.Prd, null, projectName, description, null, null, entities, _stories, _integrations, documentRange);
        return new PrdParseResult(document, _diagnostics);
    }

    private FieldSpec Resolve(FieldDraft field, Dictionary<string, (string Name, string KeyType)> entities)
    {
        var name = Normalise(field.Name, Naming.ToSnakeCase(field.Name.Text), "field name");
        var written = field.Type.Text;
        Located<string>? references = null;
        string type;
        if (FieldTypes.CanonicalOf(written) is { } canonical)
        {
            type = canonical;
            if (!string.Equals(canonical, written, StringComparison.OrdinalIgnoreCase))
                _diagnostics.Add(Diagnostic.Create(Descriptors.TypeAlias, field.Type.Range, Short(written), canonical).WithData("replacement", canonical));
        }
        else if (entities.TryGetValue(Naming.ToPascalCase(written), out var target))
        {
            // "post: Post" is the foreign key post_id: the generated schema exposes ids, not nested objects.
            type = target.KeyType;
            references = new Located<string>(target.Name, field.Type.Range);
            if (!name.Value.EndsWith("_id", StringComparison.Ordinal)) name = name with { Value = name.Value + "_id" };
        }
        else type = written; // the validator reports LSG012 with its replacement

        return new FieldSpec(name, new Located<string>(type, field.Type.Range), field.PrimaryKey, field.Nullable, field.Unique, field.Index,
            field.MaxLength, null, references, field.Description, field.Range);
    }

    /// <summary>The canonical name when it is a valid identifier (LSG105 says so); else the name as written, for the validator's LSG015.</summary>
    private Located<string> Normalise(Span written, string canonical, string what)
    {
        if (canonical == written.Text || canonical.Length == 0 || Validation.NameRules.CharacterProblem(canonical) is not null)
            return new Located<string>(written.Text, written.Range);
        _diagnostics.Add(Diagnostic.Create(Descriptors.NameNormalised, written.Range, what, Short(written.Text), canonical).WithData("replacement", canonical));
        return new Located<string>(canonical, written.Range);
    }

    private static string FileStem(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        foreach (var suffix in new[] { ".prd.md", ".md", ".markdown" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return name[..^suffix.Length];
        return name;
    }

    /// <summary>"Project Tracker 2.0!" → "project_tracker_2_0": snake_case, ASCII, starting with a letter, at most 63 characters.</summary>
    internal static string ProjectIdentifier(string title)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in Naming.ToSnakeCase(title))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        var name = sb.ToString().Trim('_');
        if (name.Length == 0) return "project";
        if (!char.IsAsciiLetter(name[0])) name = "project_" + name;
        if (Validation.NameRules.IsPythonKeyword(name)) name += "_project";
        if (name.Length > Validation.NameRules.MaxIdentifierLength) name = name[..Validation.NameRules.MaxIdentifierLength].TrimEnd('_');
        return name;
    }

    private sealed class EntityDraft(Span name, SourceRange range)
    {
        public Span Name { get; } = name;
        public Position Start { get; } = range.Start;
        public Position End { get; set; } = range.End;
        public List<FieldDraft> Fields { get; } = [];
        public bool Bare { get; set; }
        public bool FromHeading { get; init; }
        public bool Failed { get; set; }
        public bool Dropped { get; set; }
    }

    private sealed class FieldDraft(Span name, Span type, SourceRange range)
    {
        public Span Name { get; } = name;
        public Span Type { get; } = type;
        public SourceRange Range { get; } = range;
        public bool Failed { get; init; }
        public Located<bool>? PrimaryKey { get; set; }
        public Located<bool>? Nullable { get; set; }
        public Located<bool>? Unique { get; set; }
        public Located<bool>? Index { get; set; }
        public Located<long>? MaxLength { get; set; }
        public Located<string>? Description { get; set; }
    }
}
