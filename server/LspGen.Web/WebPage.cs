using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LspGen.Web;

/// <summary>
/// The one page, built once at start: the embedded HTML with the example spec filled in, and a
/// Content-Security-Policy that allows exactly its inline script and style (by hash) and nothing else.
/// </summary>
internal sealed class WebPage
{
    public string Html { get; }
    public string ContentSecurityPolicy { get; }

    public WebPage()
    {
        Html = Resource("LspGen.Web.page.html")
            .Replace("{{EXAMPLE}}", WebUtility.HtmlEncode(Resource("LspGen.Web.example.spec.yaml")), StringComparison.Ordinal)
            .Replace("{{PRD_EXAMPLE}}", WebUtility.HtmlEncode(Resource("LspGen.Web.example.prd.md")), StringComparison.Ordinal);
        ContentSecurityPolicy =
            "default-src 'none'; " +
            $"script-src '{Hash(Html, "<script>", "</script>")}'; " +
            $"style-src '{Hash(Html, "<style>", "</style>")}'; " +
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static string Hash(string html, string open, string close)
    {
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf(close, start, StringComparison.Ordinal);
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end])));
    }

    private static string Resource(string name)
    {
        using var stream = typeof(WebPage).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded in LspGen.Web (build error)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
