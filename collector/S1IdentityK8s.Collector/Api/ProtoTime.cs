using Google.Protobuf.WellKnownTypes;

namespace S1IdentityK8s.Collector.Api;

/// <summary>Conversions between our epoch-ms and <see cref="DateTimeOffset"/> times and protobuf's.</summary>
internal static class ProtoTime
{
    /// <summary>The timestamp of <paramref name="ms"/>, or null (unset) when absent.</summary>
    public static Timestamp? FromMs(long? ms) => ms is { } v ? Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(v)) : null;

    /// <summary>The timestamp of <paramref name="time"/>, or null (unset) when absent.</summary>
    public static Timestamp? From(DateTimeOffset? time) => time is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    /// <summary>
    /// The request's <paramref name="field"/> truncated to the millisecond (UAM's precision), or null when unset;
    /// a timestamp outside 0001..9999 or with invalid nanos is an INVALID_ARGUMENT naming the field.
    /// </summary>
    public static DateTimeOffset? ReadMs(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(value.ToDateTimeOffset().ToUnixTimeMilliseconds());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw ApiErrors.InvalidArgument($"{field}: not a valid timestamp");
        }
    }
}
