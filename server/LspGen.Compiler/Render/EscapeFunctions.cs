using LspGen.Compiler.Enrich;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LspGen.Compiler.Render;

/// <summary>
/// The escaping functions the templates call for every user text (py_str, yaml_str, md_text, comment,
/// py_default, yaml_default). Each is an <see cref="IScriptCustomFunction"/> written out, not a delegate
/// imported by reflection, so they work unchanged under NativeAOT.
/// </summary>
internal static class EscapeFunctions
{
    /// <summary>The only builtins a template sees: these functions, read-only and shared by every render.</summary>
    public static ScriptObject Builtins { get; } = Create();

    private static ScriptObject Create()
    {
        var builtins = new ScriptObject();
        builtins.Add("py_str", new TextFunction("py_str", Escape.PyStr));
        builtins.Add("yaml_str", new TextFunction("yaml_str", Escape.YamlStr));
        builtins.Add("md_text", new TextFunction("md_text", Escape.MdText));
        builtins.Add("comment", new TextFunction("comment", Escape.Comment));
        builtins.Add("py_default", new DefaultFunction("py_default", PythonDefault));
        builtins.Add("yaml_default", new DefaultFunction("yaml_default", YamlDefault));
        builtins.IsReadOnly = true;
        return builtins;
    }

    // Numbers and booleans were parsed and re-printed in invariant form by the enricher, so they are
    // literals already; text-like values only ever appear inside an escaped string literal.
    private static string PythonDefault(DefaultValue d) => d.Type switch
    {
        "integer" or "float" => d.Text.Value,
        "boolean" => d.Text.Value == "true" ? "True" : "False",
        "datetime" => "datetime.datetime.fromisoformat(" + Escape.PyStr(d.Text.Value) + ")",
        "uuid" => "uuid.UUID(" + Escape.PyStr(d.Text.Value) + ")",
        _ => Escape.PyStr(d.Text.Value),
    };

    private static string YamlDefault(DefaultValue d) => d.Type switch
    {
        "integer" or "float" or "boolean" => d.Text.Value,
        _ => Escape.YamlStr(d.Text.Value),
    };

    /// <summary>A one-argument function from user text (or a derived name) to escaped text.</summary>
    private sealed class TextFunction(string name, Func<string, string> escape) : OneArgumentFunction(name)
    {
        protected override string Apply(object? argument, ScriptNode? callerContext) => escape(argument switch
        {
            UserText t => t.Value,
            string s => s,
            _ => throw new ScriptRuntimeException(Span(callerContext), $"{Name}: expected text, got {argument?.GetType().Name ?? "null"}"),
        });
    }

    /// <summary>A one-argument function from a field default to a literal of the target language.</summary>
    private sealed class DefaultFunction(string name, Func<DefaultValue, string> literal) : OneArgumentFunction(name)
    {
        protected override string Apply(object? argument, ScriptNode? callerContext) => argument is DefaultValue d
            ? literal(d)
            : throw new ScriptRuntimeException(Span(callerContext), $"{Name} takes one DefaultValue argument");
    }

    private abstract class OneArgumentFunction(string name) : IScriptCustomFunction
    {
        private static readonly ScriptParameterInfo Parameter = new(typeof(object), "value");

        protected string Name { get; } = name;

        protected static SourceSpan Span(ScriptNode? node) => node?.Span ?? default;

        protected abstract string Apply(object? argument, ScriptNode? callerContext);

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            arguments.Count == 1
                ? Apply(arguments[0], callerContext)
                : throw new ScriptRuntimeException(Span(callerContext), $"{Name} takes one argument, got {arguments.Count}");

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new(Invoke(context, callerContext, arguments, blockStatement));

        public int RequiredParameterCount => 1;
        public int ParameterCount => 1;
        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;
        public Type ReturnType => typeof(string);
        public ScriptParameterInfo GetParameterInfo(int index) => Parameter;
    }
}
