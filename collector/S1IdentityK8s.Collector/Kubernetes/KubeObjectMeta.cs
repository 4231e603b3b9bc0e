using System.Text.Json;
using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The <c>metadata</c> of an object the collector reads or writes: the fields it uses, and every other
/// field kept as read (<see cref="Other"/>), so that replacing an object does not drop what others set on it.
/// </summary>
public sealed class KubeObjectMeta
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>namespace</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary><c>resourceVersion</c>: the version read, sent back as the precondition of a write.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary><c>labels</c>.</summary>
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary><c>ownerReferences</c>.</summary>
    public List<KubeOwnerReference>? OwnerReferences { get; set; }

    /// <summary>Every other field (uid, annotations, managedFields…), as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>One <c>ownerReferences</c> entry.</summary>
/// <param name="ApiVersion">The owner's <c>apiVersion</c>.</param>
/// <param name="Kind">The owner's <c>kind</c>.</param>
/// <param name="Name">The owner's <c>name</c>.</param>
/// <param name="Uid">The owner's <c>uid</c>.</param>
/// <param name="Controller">Whether the owner is the managing controller.</param>
public sealed record KubeOwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool? Controller = null);
