using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Sekoia intake base URLs: per region, or from an explicit <c>sekoia.endpoint</c>. A base URL never ends
/// with <c>/batch</c> (the sink appends it; an endpoint that already does is refused rather than silently
/// changed, so what the user wrote and what is called never differ) nor with a trailing slash in its path.
/// </summary>
internal static class SekoiaEndpoints
{
    /// <summary>Region names as users write them, in documentation order.</summary>
    public static readonly IReadOnlyList<(string Name, SekoiaRegion Region)> Regions =
    [
        ("FRA1", SekoiaRegion.Fra1),
        ("FRA2", SekoiaRegion.Fra2),
        ("MCO1", SekoiaRegion.Mco1),
        ("UAE1", SekoiaRegion.Uae1),
        ("USA1", SekoiaRegion.Usa1),
        ("SGP1", SekoiaRegion.Sgp1),
    ];

    /// <summary>The intake base URL of <paramref name="region"/>.</summary>
    public static Uri ForRegion(SekoiaRegion region) => region switch
    {
        SekoiaRegion.Fra1 => new Uri("https://intake.sekoia.io"),
        SekoiaRegion.Sgp1 => new Uri("https://intake.sgp1.sekoia.io"),
        _ => new Uri($"https://intake.{region.ToString().ToLowerInvariant()}.sekoia.io/api/v1/intake-http"),
    };

    /// <summary>Validates an explicit endpoint; on failure <paramref name="error"/> is the message after the key.</summary>
    public static bool TryNormalize(string text, [NotNullWhen(true)] out Uri? endpoint, out string error)
    {
        endpoint = null;
        const string expectation = "an absolute URL like https://intake.sekoia.io";
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            error = $"expected {expectation}, got {ConfigText.Quote(trimmed)}";
            return false;
        }

        if (!HttpUrl.TryParse(trimmed, trimmed, out var uri, out var got))
        {
            error = $"expected {expectation}, got {got}";
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/batch", StringComparison.OrdinalIgnoreCase))
        {
            error = $"expected the intake base URL without /batch (the collector appends it), got {ConfigText.Quote(trimmed)}";
            return false;
        }

        endpoint = new Uri(HttpUrl.Origin(uri) + path);
        error = "";
        return true;
    }
}
