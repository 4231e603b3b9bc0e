using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// The checks every configured URL shares: https, or http only to a loopback host (test emulators); no user
/// info, query or fragment; no doubled scheme (<c>https://https://x</c>, a common paste accident).
/// </summary>
internal static class HttpUrl
{
    /// <summary>Where a plain <c>http://</c> URL is allowed.</summary>
    public const string LoopbackHint = "http:// is only allowed to a loopback host: 127.0.0.1, ::1 or localhost";

    private const string UserInfoShown = "a URL with user info (not shown: credentials belong in secret files)";

    /// <summary>
    /// Parses <paramref name="text"/> (which has a scheme). On failure <paramref name="got"/> is the
    /// "got ..." half of an error message, quoting <paramref name="shown"/> (what the user wrote) but never
    /// user info, which may be a credential.
    /// </summary>
    public static bool TryParse(string text, string shown, [NotNullWhen(true)] out Uri? uri, out string got)
    {
        uri = null;
        got = "";
        if (shown.Contains('@', StringComparison.Ordinal))
        {
            got = UserInfoShown;
            return false;
        }

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? "" : text[..separator];
        if (separator >= 0 && text.IndexOf("://", separator + 3, StringComparison.Ordinal) >= 0)
        {
            got = $"{ConfigText.Quote(shown)} (the scheme appears twice)";
            return false;
        }

        var isHttps = scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!isHttps && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            got = $"{ConfigText.Quote(shown)} (the scheme must be https)";
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || Uri.CheckHostName(parsed.IdnHost) == UriHostNameType.Unknown)
        {
            got = $"{ConfigText.Quote(shown)} (not a valid URL)";
            return false;
        }

        got = Problem(parsed, shown, isHttps) ?? "";
        uri = got.Length == 0 ? parsed : null;
        return uri is not null;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) => uri.IsLoopback;

    /// <summary><c>scheme://authority</c> of <paramref name="uri"/>, the port only when not the default.</summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{uri.Authority}";

    private static string? Problem(Uri parsed, string shown, bool isHttps)
    {
        if (parsed.UserInfo.Length > 0)
        {
            return UserInfoShown;
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            return $"{ConfigText.Quote(shown)} (a URL with a query or fragment)";
        }

        if (parsed.Port == 0)
        {
            return $"{ConfigText.Quote(shown)} (port 0; expected a port from 1 to 65535)";
        }

        return isHttps || IsLoopback(parsed) ? null : $"{ConfigText.Quote(shown)} ({LoopbackHint})";
    }
}
