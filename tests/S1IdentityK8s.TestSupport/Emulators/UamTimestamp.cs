using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// UAM's timestamp format (<c>2024-11-22T09:09:48.731Z</c>: UTC, millisecond precision) and its epoch-ms
/// form used by filters.
/// </summary>
public static class UamTimestamp
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats an instant as UAM does; sub-millisecond ticks are truncated.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Formats epoch milliseconds as UAM does.</summary>
    public static string Format(long epochMs) => Format(DateTimeOffset.FromUnixTimeMilliseconds(epochMs));

    /// <summary>The instant truncated to whole milliseconds since the Unix epoch.</summary>
    public static long ToEpochMs(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>
    /// Reads an ISO-8601 string or an epoch-ms number; false for null, missing or unparsable values.
    /// </summary>
    public static bool TryReadEpochMs(JsonNode? value, out long epochMs)
    {
        epochMs = 0;
        if (value is not JsonValue scalar)
        {
            return false;
        }
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.Number:
                return scalar.TryGetValue(out epochMs);
            case JsonValueKind.String:
                if (DateTimeOffset.TryParse(scalar.GetValue<string>(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    epochMs = parsed.ToUnixTimeMilliseconds();
                    return true;
                }
                return false;
            default:
                return false;
        }
    }
}
