using System.Text;

namespace LspGen.Spec;

/// <summary>
/// How names are derived from what the user wrote: snake_case, PascalCase and English plurals.
/// The validator uses these to find names that collide after normalisation; the enrich stage uses
/// them to derive class, module, table and route names once.
/// </summary>
public static class Naming
{
    /// <summary>"OrderItem", "order-item", "Order Item", "orderItem", "HTTPServer" → "order_item", …, "http_server".</summary>
    public static string ToSnakeCase(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '-' or ' ' or '_' or '.' or '/' or '\t')
            {
                if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
                continue;
            }
            if (char.IsUpper(c))
            {
                var prev = i > 0 ? text[i - 1] : '\0';
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                var boundary = char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && char.IsLower(next));
                if (boundary && sb.Length > 0 && sb[^1] != '_') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        while (sb.Length > 0 && sb[^1] == '_') sb.Length--;
        return sb.ToString();
    }

    /// <summary>"order_item", "orderItem", "order item" → "OrderItem".</summary>
    public static string ToPascalCase(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var word in ToSnakeCase(text).Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(word[0]));
            sb.Append(word, 1, word.Length - 1);
        }
        return sb.ToString();
    }

    /// <summary>"Order Item" → "Order Item": words of a snake_case name, capitalised, for titles and docs.</summary>
    public static string ToTitle(string text) =>
        string.Join(' ', ToSnakeCase(text).Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public static bool IsSnakeCase(string text) =>
        text.Length > 0 && text[0] is >= 'a' and <= 'z' && text.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
        && !text.Contains("__", StringComparison.Ordinal) && !text.EndsWith('_');

    public static bool IsPascalCase(string text) =>
        text.Length > 0 && text[0] is >= 'A' and <= 'Z' && text.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9');

    /// <summary>English plural of a snake_case name; only the last word changes ("order_item" → "order_items").</summary>
    public static string Pluralize(string snakeName)
    {
        var cut = snakeName.LastIndexOf('_');
        var head = cut < 0 ? "" : snakeName[..(cut + 1)];
        var word = cut < 0 ? snakeName : snakeName[(cut + 1)..];
        return head + PluralizeWord(word);
    }

    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["person"] = "people", ["child"] = "children", ["man"] = "men", ["woman"] = "women",
        ["mouse"] = "mice", ["goose"] = "geese", ["tooth"] = "teeth", ["foot"] = "feet",
        ["ox"] = "oxen", ["criterion"] = "criteria", ["phenomenon"] = "phenomena",
        ["datum"] = "data", ["medium"] = "media", ["index"] = "indexes", ["matrix"] = "matrices",
        ["vertex"] = "vertices", ["appendix"] = "appendices", ["leaf"] = "leaves", ["life"] = "lives",
        ["knife"] = "knives", ["wife"] = "wives", ["half"] = "halves", ["shelf"] = "shelves",
        ["wolf"] = "wolves", ["thief"] = "thieves", ["calf"] = "calves", ["loaf"] = "loaves",
        ["cactus"] = "cacti", ["focus"] = "foci", ["fungus"] = "fungi", ["nucleus"] = "nuclei",
        ["syllabus"] = "syllabi", ["alumnus"] = "alumni", ["quiz"] = "quizzes", ["photo"] = "photos",
        ["piano"] = "pianos", ["halo"] = "halos", ["video"] = "videos", ["radio"] = "radios",
        ["zoo"] = "zoos", ["hero"] = "heroes", ["potato"] = "potatoes", ["tomato"] = "tomatoes",
        ["echo"] = "echoes", ["veto"] = "vetoes", ["cafe"] = "cafes", ["chef"] = "chefs",
        ["roof"] = "roofs", ["proof"] = "proofs", ["belief"] = "beliefs", ["chief"] = "chiefs",
    };

    private static readonly HashSet<string> Uncountable = new(StringComparer.Ordinal)
    {
        "equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "deer",
        "news", "data", "metadata", "feedback", "software", "hardware", "staff", "inventory", "media",
    };

    private static string PluralizeWord(string word)
    {
        if (word.Length == 0 || Uncountable.Contains(word)) return word;
        if (Irregular.TryGetValue(word, out var irregular)) return irregular;
        if (word.EndsWith("sis", StringComparison.Ordinal)) return word[..^3] + "ses"; // analysis → analyses
        if (word.EndsWith('y') && word.Length > 1 && !IsVowel(word[^2])) return word[..^1] + "ies";
        if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z')
            || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal))
            return word + "es";
        return word + "s";
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
