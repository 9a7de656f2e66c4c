using LspGen.LanguageServer.Protocol;

namespace LspGen.LanguageServer.Server;

/// <summary>The request handlers of the language features (filled in as LspGen.Ide lands).</summary>
static class LanguageFeatures
{
    public static void Register(JsonRpcConnection connection, SpecDocumentStore documents)
    {
    }
}
