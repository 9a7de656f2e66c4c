using System.Globalization;
using LspGen.Compiler.Enrich;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LspGen.Compiler.Render;

/// <summary>
/// The Scriban context of one render: strict (an unknown variable or member throws instead of
/// printing nothing), unlimited where a limit would corrupt output, and closed to reflection: members
/// can only be read from the <see cref="TemplateData"/> tree, and user text cannot be printed raw.
/// </summary>
internal sealed class RenderContext : TemplateContext
{
    public RenderContext() : base(EscapeFunctions.Builtins)
    {
        StrictVariables = true;            // {{ nope }} throws
        EnableRelaxedMemberAccess = false; // {{ entity.Nope }} and {{ null_field.Name }} throw
        LoopLimit = 0;                     // the default 1000 counts across nested loops: 100 entities exceed it
        LimitToString = 0;                 // the default 1 MB silently truncates a large openapi.yaml
        PushCulture(CultureInfo.InvariantCulture);
        NewLine = "\n";
        // RecursiveLimit stays at its default (100): templates define one non-recursive function and
        // include nothing, so only a runaway template could reach it.
    }

    // Templates write code: the only way to print user text is its escaping function.
    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        UserText or DefaultValue => throw new InvalidOperationException(
            "User text reached a template without an escaping helper (use py_str, yaml_str, md_text, comment, py_default or yaml_default)."),
        _ => base.ObjectToString(value, nested),
    };

    // Scriban would otherwise reflect over any .NET object a template touches (and NativeAOT trims
    // what that needs). Only Scriban's own objects (the data tree, arrays, the loop state) have members.
    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        target.GetType().Assembly == typeof(TemplateContext).Assembly
            ? base.GetMemberAccessorImpl(target)
            : throw new ScriptRuntimeException(CurrentNode?.Span ?? default(SourceSpan),
                $"Templates read only the template data; {target.GetType().Name} has no members here.");
}
