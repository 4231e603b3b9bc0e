namespace S1IdentityK8s.Collector.Configuration;

/// <summary><c>kubernetes.owner</c>: the intake that owns the collector's checkpoint ConfigMap and Lease.</summary>
/// <param name="ApiVersion">e.g. <c>s1identity.dev/v1alpha1</c>.</param>
/// <param name="Kind">e.g. <c>SentinelOneIdentityIntake</c>.</param>
/// <param name="Name">The intake's name.</param>
/// <param name="Uid">The intake's uid.</param>
public sealed record OwnerReferenceOptions(string ApiVersion, string Kind, string Name, string Uid);
