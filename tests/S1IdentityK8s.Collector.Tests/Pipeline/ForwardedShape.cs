using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// The shape of a forwarded alert: the list fields Sekoia's connector selects merged with the detail
/// fields, nothing else (no updatedAt): what Sekoia's parser expects, per the sample fixtures.
/// </summary>
public static class ForwardedShape
{
    private static readonly Dictionary<string, object?> Shape = new()
    {
        ["id"] = null,
        ["name"] = null,
        ["description"] = null,
        ["detectedAt"] = null,
        ["attackSurfaces"] = null,
        ["detectionSource"] = new Dictionary<string, object?> { ["product"] = null },
        ["status"] = null,
        ["assignee"] = new Dictionary<string, object?> { ["fullName"] = null },
        ["classification"] = null,
        ["confidenceLevel"] = null,
        ["firstSeenAt"] = null,
        ["lastSeenAt"] = null,
        ["process"] = new Dictionary<string, object?>
        {
            ["cmdLine"] = null,
            ["file"] = new Dictionary<string, object?> { ["path"] = null, ["sha1"] = null, ["sha256"] = null, ["md5"] = null },
            ["parentName"] = null,
        },
        ["result"] = null,
        ["storylineId"] = null,
        ["analystVerdict"] = null,
        ["analytics"] = new Dictionary<string, object?> { ["category"] = null },
        ["asset"] = new Dictionary<string, object?>
        {
            ["agentUuid"] = null,
            ["agentVersion"] = null,
            ["category"] = null,
            ["name"] = null,
            ["osType"] = null,
            ["osVersion"] = null,
            ["type"] = null,
            ["subcategory"] = null,
        },
        ["rawData"] = null,
    };

    /// <summary>Projects a stored alert on the forwarded shape (absent fields become null, as GraphQL returns them).</summary>
    public static JsonObject Project(JsonObject alert) => (JsonObject)Project(alert, Shape)!;

    private static JsonNode? Project(JsonNode? node, Dictionary<string, object?>? shape)
    {
        if (shape is null || node is not JsonObject obj)
        {
            return node?.DeepClone();
        }
        var result = new JsonObject();
        foreach (var (key, sub) in shape)
        {
            result[key] = Project(obj[key], sub as Dictionary<string, object?>);
        }
        return result;
    }
}
