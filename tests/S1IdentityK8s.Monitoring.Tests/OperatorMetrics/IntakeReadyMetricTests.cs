using S1IdentityK8s.Monitoring.Tests.Support;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Monitoring.Tests.OperatorMetrics;

/// <summary>
/// <c>s1identity_operator_intake_ready</c>, which the "not Ready" and "collector down" alerts read: 0 for an
/// intake that is not Ready, and gone once the intake is deleted (no alert outlives its intake).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class IntakeReadyMetricTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task IntakeReady_StalledThenDeleted_ZeroThenGone()
    {
        await IntakeCrd.InstallAsync(cluster);
        await using var ns = await cluster.CreateNamespaceAsync("ready-metric");
        await using var replica = OperatorProcess.Start(cluster.KubeconfigPath, ns.Name, "operator-0", fast: false);
        var sample = $"s1identity_operator_intake_ready{{namespace=\"{ns.Name}\",intake=\"orphan\"}}";
        (await cluster.Kubectl.ApplyAsync(StalledIntake.Yaml("orphan"), ns.Name)).EnsureSuccess();

        var stalled = await replica.WaitForMetricsAsync(m => m.Contains(sample, StringComparison.Ordinal), sample, Patience);
        (await cluster.Kubectl.RunAsync(["delete", "-n", ns.Name, "s1intake/orphan", "--wait=true"], null, Patience)).EnsureSuccess();
        await replica.WaitForMetricsAsync(m => !m.Contains(sample, StringComparison.Ordinal), $"no {sample}", Patience);

        Assert.Contains($"{sample} 0", stalled, StringComparison.Ordinal);
    }
}
