using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace LspGen.Compiler.Render;

/// <summary>
/// A read-only Scriban object with a fixed set of members: the values of one record, in the order of
/// its <see cref="TemplateShape"/>. One array per record instead of a <see cref="ScriptObject"/>'s
/// dictionary: the render profile showed the data tree's allocations (11,000 field objects at 1,000
/// entities) as a large part of the garbage collector's work.
/// </summary>
internal sealed class TemplateObject(TemplateShape shape, object?[] values) : IScriptObject
{
    public int Count => values.Length;
    public IEnumerable<string> GetMembers() => shape.Names;
    public bool Contains(string member) => shape.IndexOf(member) >= 0;

    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        var index = shape.IndexOf(member);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    public bool IsReadOnly { get => true; set => throw new InvalidOperationException("Template data is read-only."); }
    public bool CanWrite(string member) => false;
    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;
    public bool Remove(string member) => false;
    public void SetReadOnly(string member, bool readOnly) { }
    public IScriptObject Clone(bool deep) => this; // immutable
}

/// <summary>The member names of one kind of <see cref="TemplateObject"/>, shared by all objects of that kind.</summary>
internal sealed class TemplateShape
{
    private readonly Dictionary<string, int> _index;

    public TemplateShape(params string[] names)
    {
        Names = names;
        _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) _index.Add(names[i], i);
    }

    public IReadOnlyList<string> Names { get; }

    public int IndexOf(string member) => _index.GetValueOrDefault(member, -1);

    /// <summary>An object of this shape; the values are in the order of <see cref="Names"/>.</summary>
    public TemplateObject Of(params object?[] values) =>
        values.Length == Names.Count
            ? new TemplateObject(this, values)
            : throw new ArgumentException($"{Names.Count} values expected, got {values.Length}", nameof(values));
}
