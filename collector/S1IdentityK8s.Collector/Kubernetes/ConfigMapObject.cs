using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>A core/v1 ConfigMap, as far as the collector reads and writes one.</summary>
public sealed class ConfigMapObject
{
    /// <summary><c>apiVersion</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string ApiVersion { get; set; } = "v1";

    /// <summary><c>kind</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Kind { get; set; } = "ConfigMap";

    /// <summary><c>metadata</c>.</summary>
    public KubeObjectMeta Metadata { get; set; } = new();

    /// <summary><c>data</c>: text values.</summary>
    public Dictionary<string, string>? Data { get; set; }

    /// <summary><c>binaryData</c>: bytes, base64 in JSON.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}
