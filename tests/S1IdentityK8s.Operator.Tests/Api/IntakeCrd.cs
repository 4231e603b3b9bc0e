using S1IdentityK8s.Operator.Generate;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>Installs the generated intake CRD into the test cluster (idempotent: kubectl apply), and opens a test on it.</summary>
internal static class IntakeCrd
{
    /// <summary>The CRD's name.</summary>
    public const string Name = "sentineloneidentityintakes.s1identity.dev";

    /// <summary>Applies the CRD as <c>operator generate crd</c> prints it, then waits until it is Established.</summary>
    public static async Task InstallAsync(ControlPlaneFixture cluster)
    {
        (await cluster.Kubectl.ApplyAsync(GenerateCommand.Manifests["crd"]())).EnsureSuccess();
        (await cluster.Kubectl.RunAsync("wait", "--for=condition=Established", $"crd/{Name}", "--timeout=60s")).EnsureSuccess();
    }

    /// <summary>
    /// The opening of every test that creates intakes: the CRD installed, then a fresh namespace named after
    /// <paramref name="prefix"/> (disposing it deletes it).
    /// </summary>
    public static async Task<TestNamespace> NamespaceAsync(ControlPlaneFixture cluster, string prefix)
    {
        await InstallAsync(cluster);
        return await cluster.CreateNamespaceAsync(prefix);
    }
}
