using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// The fields selected from UAM and what is forwarded: exactly the shape Sekoia's parser expects (list node
/// merged with the detail), plus <c>updatedAt</c> which we read for deduplication and strip before sending.
/// </summary>
public static class AlertFields
{
    /// <summary>The list selection Sekoia's connector uses, plus <c>updatedAt</c>.</summary>
    public const string ListSelection =
        "id name description detectedAt attackSurfaces detectionSource { product } status " +
        "assignee { fullName } classification confidenceLevel firstSeenAt lastSeenAt " +
        "process { cmdLine file { path sha1 sha256 md5 } parentName } result storylineId updatedAt";

    /// <summary>The detail selection merged into each list node (the detail wins on collision).</summary>
    public const string DetailSelection =
        "analystVerdict analytics { category } " +
        "asset { agentUuid agentVersion category name osType osVersion type subcategory } rawData";

    /// <summary>Fields read for bookkeeping only, removed before forwarding.</summary>
    public static readonly IReadOnlyList<string> InternalFields = ["updatedAt"];

    /// <summary>The alert id; a node without one is malformed.</summary>
    public static string Id(JsonObject node) =>
        node["id"]?.GetValue<string>() is { Length: > 0 } id
            ? id
            : throw new FormatException("alert node has no 'id'");

    /// <summary>
    /// The alert's <paramref name="field"/> timestamp in epoch ms; a missing <c>updatedAt</c> falls back to
    /// <c>detectedAt</c>. A value that is neither an RFC 3339 time nor epoch ms is a <see cref="FormatException"/>
    /// naming the alert, the field and the value: guessing would place the alert in the wrong window.
    /// </summary>
    public static long TimestampMs(JsonObject node, AlertTimeField field)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = field == AlertTimeField.DetectedAt ? "detectedAt" : "updatedAt";
        if (ReadMs(node, name) is { } ms)
        {
            return ms;
        }
        return field == AlertTimeField.UpdatedAt && ReadMs(node, "detectedAt") is { } detected
            ? detected
            : throw new FormatException($"alert {UamPageReader.Show(node["id"])} has no '{name}'");
    }

    // Null when absent; throws when present but not a time.
    private static long? ReadMs(JsonObject node, string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }
        var kind = value.GetValueKind();
        if (kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var ms))
        {
            return ms;
        }
        if (kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUnixTimeMilliseconds();
        }
        throw new FormatException(
            $"alert {UamPageReader.Show(node["id"])} has an invalid '{name}': expected an RFC 3339 time or epoch ms, got {UamPageReader.Show(value)}");
    }
}
