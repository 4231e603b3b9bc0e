using k8s;
using k8s.Models;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A non-admin identity of the test cluster: it starts with no permissions beyond what every
/// authenticated user has; grant it some by binding <see cref="Subject"/> in a Role/ClusterRole binding.
/// Locally a token user from the apiserver's tokens file; on an external cluster a ServiceAccount.
/// </summary>
/// <param name="UserName">The name the apiserver authenticates it as.</param>
/// <param name="Token">Its bearer token.</param>
/// <param name="KubeconfigPath">A kubeconfig for it (for kubectl, helm, or <see cref="CreateClient"/>).</param>
/// <param name="Subject">The RBAC subject to bind.</param>
public sealed record ClusterIdentity(string UserName, string Token, string KubeconfigPath, Rbacv1Subject Subject)
{
    /// <summary>A client that acts as this identity. The caller disposes it.</summary>
    public IKubernetes CreateClient() =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>Omits the token so it never lands in test output.</summary>
    public override string ToString() => $"{UserName} ({KubeconfigPath})";
}
