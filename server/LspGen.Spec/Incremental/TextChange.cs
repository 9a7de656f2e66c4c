namespace LspGen.Spec.Incremental;

/// <summary>An edit of a text: the UTF-16 offsets <c>[Start, End)</c> of the old text replaced by <see cref="NewText"/>.</summary>
public readonly record struct TextChange(int Start, int End, string NewText)
{
    /// <summary>
    /// The one change that turns <paramref name="oldText"/> into <paramref name="newText"/>: everything
    /// between their common prefix and common suffix. What an editor with full-text sync, or several
    /// changes coalesced by a debounce, amounts to.
    /// </summary>
    public static TextChange Between(string oldText, string newText)
    {
        var prefix = oldText.AsSpan().CommonPrefixLength(newText);
        var room = Math.Min(oldText.Length, newText.Length) - prefix;
        var suffix = 0;
        while (suffix < room && oldText[oldText.Length - 1 - suffix] == newText[newText.Length - 1 - suffix]) suffix++;
        return new TextChange(prefix, oldText.Length - suffix, newText[prefix..(newText.Length - suffix)]);
    }

    /// <summary>The text after this change.</summary>
    public string ApplyTo(string text) => string.Concat(text.AsSpan(0, Start), NewText, text.AsSpan(End));

    /// <summary>How much longer (or shorter, if negative) the text gets.</summary>
    public int Delta => NewText.Length - (End - Start);
}
