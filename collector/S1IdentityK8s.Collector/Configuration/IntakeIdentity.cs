namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>intake</c> section: which intake this collector serves, for metric labels and logs.</summary>
public sealed class IntakeIdentity
{
    /// <summary><c>namespace</c>: the intake's Kubernetes namespace; empty outside Kubernetes. Default empty.</summary>
    public string Namespace { get; init; } = "";

    /// <summary><c>name</c>: the intake's name, non-empty. Default <c>standalone</c>.</summary>
    public string Name { get; init; } = "standalone";

    /// <summary><c>namespace/name</c>, or just the name when the namespace is empty.</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
