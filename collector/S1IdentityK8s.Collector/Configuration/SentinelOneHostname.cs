using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Turns <c>sentinelOne.hostname</c> into the console's base URL. Accepts <c>host</c>, <c>host:port</c> and
/// <c>https://host[:port][/]</c> (users paste all three); anything with a path is refused rather than guessed
/// at, and <c>https://</c> is never doubled.
/// </summary>
internal static class SentinelOneHostname
{
    /// <summary>What the key accepts, as error messages say it.</summary>
    public const string Expectation = "host[:port] or https://host[:port]";

    /// <summary>Normalises <paramref name="text"/> to <c>https://host[:port]/</c>; on failure <paramref name="error"/> is the message after the key.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out Uri? baseUri, out string error)
    {
        baseUri = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = $"required: expected {Expectation}, e.g. usea1-partners.sentinelone.net";
            return false;
        }

        var candidate = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
        if (!HttpUrl.TryParse(candidate, trimmed, out var uri, out var got))
        {
            error = $"expected {Expectation}, got {got}";
            return false;
        }

        if (uri.AbsolutePath != "/")
        {
            error = $"expected {Expectation}, got a URL with path '{uri.AbsolutePath}'";
            return false;
        }

        baseUri = new Uri(HttpUrl.Origin(uri) + "/");
        error = "";
        return true;
    }
}
