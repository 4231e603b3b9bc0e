using System.Text.Json.Nodes;
using k8s;

namespace S1IdentityK8s.Operator.Runtime.Apply;

/// <summary>
/// Whether an object still holds every field of what was applied, with the applied value. Other writers
/// change children all the time without touching those fields (the controller-manager writes a
/// Deployment's status, a collector writes its checkpoint ConfigMap's data): re-applying then would be
/// a write request that changes nothing. A field missing or different is drift, and is re-applied.
/// </summary>
public static class AppliedFields
{
    /// <summary>Whether <paramref name="current"/> contains every field of <paramref name="desired"/>, equal.</summary>
    public static bool Hold(object desired, object current) =>
        Contains(JsonNode.Parse(KubernetesJson.Serialize(current)), JsonNode.Parse(KubernetesJson.Serialize(desired)));

    // Lists compare by position: another writer's item inserted before ours only costs a harmless re-apply.
    private static bool Contains(JsonNode? current, JsonNode? desired) => desired switch
    {
        null => true,
        JsonObject fields => current is JsonObject held && fields.All(f => Contains(held[f.Key], f.Value)),
        JsonArray items => current is JsonArray held && held.Count >= items.Count && items.Select((item, i) => Contains(held[i], item)).All(ok => ok),
        _ => current is JsonValue && current.ToJsonString() == desired.ToJsonString(),
    };
}
