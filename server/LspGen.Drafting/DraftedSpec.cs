using System.Text.Encodings.Web;
using System.Text.Json;
using LspGen.Spec;
using LspGen.Spec.Emit;

namespace LspGen.Drafting;

/// <summary>
/// What the drafter does with a model's JSON object: print it as indented JSON (the text our validator
/// reads, and the one the line numbers of any feedback refer to), and once valid, write it as the
/// readable spec.yaml of <see cref="SpecYamlWriter"/> under a header that asks for a review.
/// </summary>
public static class DraftedSpec
{
    public const string ReviewHeader =
        "# DRAFTED BY AN LLM (lspgen draft) from a plain-language description.\n" +
        "# Review it before generating: names, types, keys and references may be guessed wrong.\n";

    /// <summary>The object as indented JSON with \n line endings; non-ASCII text kept readable.</summary>
    public static string ToJson(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
            root.WriteTo(json);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The spec.yaml of a valid analysis, with the review header.</summary>
    public static string ToYaml(SpecAnalysis analysis) => ReviewHeader + SpecYamlWriter.Write(analysis.Document);
}
