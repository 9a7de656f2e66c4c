using System.Net;

namespace LspGen.Drafting;

/// <summary>
/// Which hosts a draft request may reach: loopback always, anything else only when listed explicitly.
/// The base URL alone does not allow its host, so a base URL planted in a workspace setting cannot
/// send descriptions or the key elsewhere without the user's own allow-list agreeing.
/// </summary>
public sealed class HostPolicy(IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> allowed = new(allowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        (IsLoopback(uri.IdnHost) || allowed.Contains(Normalize(uri.IdnHost)));

    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');
}
