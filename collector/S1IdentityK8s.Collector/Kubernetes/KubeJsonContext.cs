using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Source-generated JSON for the few objects the collector exchanges with the apiserver. Listing only these
/// (not KubernetesClient's context of ~1000 model types) keeps the Native AOT binary and its memory small.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ConfigMapObject))]
[JsonSerializable(typeof(LeaseObject))]
[JsonSerializable(typeof(KubeStatus))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
