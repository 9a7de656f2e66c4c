using System.Text.Json;

namespace LspGen.Drafting;

/// <summary>Reads the JSON object out of a model's answer: plain JSON, or JSON inside a ```json fence.</summary>
public static class DraftAnswer
{
    /// <summary>The object, or null with the reason it could not be read (for the retry prompt and the error).</summary>
    public static JsonDocument? TryParse(string answer, out string problem)
    {
        var text = Unfence(answer.Trim());
        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                problem = "";
                return document;
            }
            document.Dispose();
            problem = "the answer is JSON but not an object";
        }
        catch (JsonException e)
        {
            problem = $"the answer is not JSON ({e.Message})";
        }
        return null;
    }

    // Models asked for "only JSON" still wrap it in a Markdown fence or add a sentence around it.
    private static string Unfence(string text)
    {
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var bodyStart = text.IndexOf('\n', fence);
            var close = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (close > bodyStart) return text[(bodyStart + 1)..close].Trim();
        }
        return text;
    }
}
