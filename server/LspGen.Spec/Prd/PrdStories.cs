using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Spec.Prd;

/// <summary>
/// User stories and integrations of a PRD. Both are read with forward-only searches of fixed phrases
/// (linear in the line; no regular expression, so no backtracking on long or adversarial lines).
/// </summary>
internal static class PrdStories
{
    /// <summary>"As a|an &lt;role&gt;[,] I want [to] &lt;goal&gt;[,] [so that &lt;benefit&gt;][.]", else null.</summary>
    public static UserStorySpec? Parse(Span line)
    {
        var text = line.StripMarks();
        int roleStart;
        if (text.StartsWith("as an")) roleStart = 5;
        else if (text.StartsWith("as a")) roleStart = 4;
        else return null;
        // "**As a** buyer": emphasis may close after the phrase; a space must follow it.
        while (roleStart < text.Length && text[roleStart] is '*' or '_') roleStart++;
        if (roleStart >= text.Length || text[roleStart] != ' ') return null;
        roleStart++;

        var want = text.IndexOf(" i want ", roleStart - 1);
        if (want < 0) return null;
        var role = text.Slice(roleStart, want).TrimEndChars(",").StripMarks();
        var goalStart = want + " i want ".Length;
        if (text.From(goalStart).StartsWith("to ")) goalStart += 3;

        var soThat = text.IndexOf(" so that ", goalStart);
        var goal = (soThat < 0 ? text.From(goalStart) : text.Slice(goalStart, soThat)).TrimEndChars(",.").Trim();
        var benefit = soThat < 0 ? (Span?)null : text.From(soThat + " so that ".Length).TrimEndChars(".").Trim();
        if (role.IsEmpty || goal.IsEmpty) return null;
        return new UserStorySpec(Located(role), Located(goal), benefit is { IsEmpty: false } b ? Located(b) : null, line.Range);
    }

    /// <summary>
    /// The integrations named on one line: known vendors as whole words ("Stripe (payments)", "email via
    /// SendGrid"), or an unknown service written as "Name (purpose)" / "Name: purpose".
    /// </summary>
    public static List<IntegrationSpec> Integrations(Span line)
    {
        var found = new List<IntegrationSpec>();
        foreach (var item in line.TrimEndChars(".").SplitTopLevel(','))
        {
            var before = found.Count;
            var words = AlphanumericWords(item);
            for (var w = 0; w < words.Count; w++)
            {
                var next = w + 1 < words.Count && words[w + 1].Start == words[w].End + 1 ? words[w + 1].Text : null;
                if (PrdVocabulary.Vendor(words[w].Text, next) is not { } vendor) continue;
                var last = words[w + vendor.Words - 1];
                var nameRange = SourceRange.Of(line.LineNo, words[w].Start, line.LineNo, last.End);
                found.Add(new IntegrationSpec(new Located<string>(vendor.Name, nameRange), Purpose(item, last.End - item.Start), item.Range));
                w += vendor.Words - 1;
            }
            if (found.Count > before) continue;

            // Not a known vendor: "Mailjet (newsletters)" or "Mailjet: newsletters" still names a service.
            var cut = item.IndexOfTopLevel(':');
            var open = item.IndexOf("(");
            var end = cut >= 0 && (open < 0 || cut < open) ? cut : open;
            if (end <= 0) continue;
            var name = item.To(end).StripMarks();
            if (name.IsEmpty || !char.IsUpper(name[0]) || name.Words().Count > 3) continue;
            found.Add(new IntegrationSpec(new Located<string>(name.Text, name.Range), Purpose(item, end), item.Range));
        }
        return found;
    }

    /// <summary>"(payments)" right after the name, or the text after ':', a dash or "for".</summary>
    private static Located<string>? Purpose(Span item, int afterName)
    {
        var rest = item.From(afterName);
        var i = 0;
        while (i < rest.Length && rest[i] == ' ') i++;
        if (i >= rest.Length) return null;
        Span purpose;
        if (rest[i] == '(')
        {
            var close = rest.ClosingParen(i);
            purpose = (close < 0 ? rest.From(i + 1) : rest.Slice(i + 1, close)).Trim();
        }
        else if (rest[i] is ':' or '-' or '–' or '—') purpose = rest.From(i + 1).Trim();
        else if (rest.From(i).StartsWith("for ")) purpose = rest.From(i + 4).Trim(); // "Postmark for notification emails"
        else return null;
        purpose = purpose.StripMarks();
        return purpose.IsEmpty ? null : Located(purpose);
    }

    private static List<Span> AlphanumericWords(Span text)
    {
        var words = new List<Span>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var from = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (i > from) words.Add(text.Slice(from, i));
        }
        return words;
    }

    private static Located<string> Located(Span span) => new(span.Text, span.Range);
}
