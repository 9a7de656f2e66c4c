using System.Collections;
using System.Reflection;

namespace LspGen.Spec.Tests.Incremental;

/// <summary>
/// Deep comparison of front-end results by their public properties (records, lists, dictionaries, syntax
/// nodes): the first difference as a path, or null. Record equality is not enough here, because the
/// model's lists compare by reference.
/// </summary>
public static class Structural
{
    public static string? Difference(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        var type = expected.GetType();
        // Collections compare by their items: which list class holds them is not visible through IReadOnlyList.
        var bothCollections = expected is IEnumerable and not string && actual is IEnumerable and not string;
        if (type != actual.GetType() && !bothCollections) return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        if (expected is string || type.IsPrimitive || type.IsEnum || type == typeof(Syntax.Position) || type == typeof(Syntax.SourceRange))
            return Equals(expected, actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        if (expected is IEnumerable expectedItems)
        {
            var a = expectedItems.Cast<object?>().ToList();
            var b = ((IEnumerable)actual).Cast<object?>().ToList();
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                if (Difference(a[i], b[i], $"{path}[{i}]") is { } difference) return difference;
            }
            return a.Count == b.Count ? null : $"{path}: expected {a.Count} items, got {b.Count}";
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(Syntax.LineMap)) continue;
            if (Difference(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name) is { } difference) return difference;
        }
        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + (s.Length > 80 ? s[..77] + "..." : s) + "\"",
        _ => value.ToString() ?? "?",
    };
}
