namespace LspGen.Spec;

/// <summary>"Did you mean …?": the nearest candidate by case-insensitive edit distance.</summary>
public static class Suggestions
{
    /// <summary>Inputs longer than this are never a typo of a short name; skipping them keeps cost linear.</summary>
    private const int MaxComparedLength = 64;

    /// <summary>A sensible bound for "close enough to suggest": about a third of the word, at least 1.</summary>
    public static int DefaultMaxDistance(string input) => Math.Max(1, input.Length / 3);

    /// <summary>
    /// The candidate nearest to <paramref name="input"/> (first one on ties, so results are stable), or
    /// null if none is within <paramref name="maxDistance"/> (default: <see cref="DefaultMaxDistance"/>).
    /// </summary>
    public static string? Nearest(string input, IEnumerable<string> candidates, int? maxDistance = null)
    {
        if (input.Length == 0 || input.Length > MaxComparedLength) return null;
        var limit = maxDistance ?? DefaultMaxDistance(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate.Length > MaxComparedLength) continue;
            var d = Distance(input, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
