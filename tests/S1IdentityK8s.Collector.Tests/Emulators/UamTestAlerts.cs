using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>Small hand-made alerts whose timestamps tests choose to the millisecond.</summary>
internal static class UamTestAlerts
{
    /// <summary>2024-11-22T00:00:00Z: a fixed origin so expected values are easy to read.</summary>
    public static readonly DateTimeOffset Origin = new(2024, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static long OriginMs => Origin.ToUnixTimeMilliseconds();

    public static JsonObject Make(string id, long detectedOffsetMs, string product = "Identity", long? updatedOffsetMs = null) =>
        new()
        {
            ["id"] = id,
            ["name"] = "DCSync Attack Detected",
            ["detectedAt"] = UamTimestamp.Format(OriginMs + detectedOffsetMs),
            ["createdAt"] = UamTimestamp.Format(OriginMs + detectedOffsetMs),
            ["updatedAt"] = UamTimestamp.Format(OriginMs + (updatedOffsetMs ?? detectedOffsetMs)),
            ["detectionSource"] = new JsonObject { ["product"] = product, ["vendor"] = "SentinelOne" },
            ["severity"] = "HIGH",
            ["status"] = "NEW",
            ["assignee"] = null,
            ["analystVerdict"] = "UNDEFINED",
            ["asset"] = new JsonObject { ["name"] = "DC01.LAB", ["category"] = "Server" },
            ["rawData"] = new JsonObject
            {
                ["time"] = (OriginMs + detectedOffsetMs).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["finding_info"] = new JsonObject { ["title"] = "DCSync Attack Detected", ["internal_uid"] = id },
                ["resources"] = new JsonArray(new JsonObject { ["s1_metadata"] = new JsonObject { ["site_id"] = "1" } }),
            },
        };
}
