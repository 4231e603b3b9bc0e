using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>
/// The chart's operator Deployment against the "restricted" Pod Security Standard, for every values case.
/// The collector pods the operator builds are checked in the operator tests, and as admitted on the real node
/// in the end-to-end tests.
/// </summary>
public sealed class PodSecurityTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("namespaced")]
    [InlineData("custom")]
    [InlineData("monitoring")]
    public async Task OperatorDeployment_ValuesCase_MeetsTheRestrictedStandard(string caseName)
    {
        var deployment = await RenderDeploymentAsync(caseName);

        Assert.Empty(RestrictedPodStandard.Violations(deployment.Spec.Template.Spec));
    }

    // The controls: the checker must see each kind of break, or its silence above proves nothing.
    [Theory]
    [InlineData("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation must be false")]
    [InlineData("runAsNonRoot: true", "runAsNonRoot: false", "runAsNonRoot (or the pod's) must be true")]
    [InlineData("type: RuntimeDefault", "type: Unconfined", "seccompProfile.type must be RuntimeDefault or Localhost")]
    [InlineData("drop: [\"ALL\"]", "drop: [\"NET_RAW\"]", "capabilities.drop must include ALL")]
    public async Task OperatorDeployment_OneControlBroken_IsReportedByName(string field, string broken, string expected)
    {
        var rendered = await RenderAsync("default");
        Assert.Contains(field, rendered, StringComparison.Ordinal);
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(rendered.Replace(field, broken, StringComparison.Ordinal));

        var violations = RestrictedPodStandard.Violations(deployment.Spec.Template.Spec);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HostPathVolumeAndHostNetwork_AreReported()
    {
        var spec = new V1PodSpec
        {
            HostNetwork = true,
            Containers = [],
            Volumes = [new V1Volume { Name = "root", HostPath = new V1HostPathVolumeSource { Path = "/" } }],
        };

        var violations = RestrictedPodStandard.Violations(spec);

        Assert.Contains("spec.hostNetwork must be unset or false", violations);
        Assert.Contains(violations, v => v.StartsWith("spec.volumes[root]: hostPath volumes are not allowed", StringComparison.Ordinal));
    }

    private static async Task<V1Deployment> RenderDeploymentAsync(string caseName) =>
        KubernetesYaml.Deserialize<V1Deployment>(await RenderAsync(caseName));

    private static async Task<string> RenderAsync(string caseName)
    {
        var helm = await HelmRunner.CreateOfflineAsync();
        var arguments = new List<string>
        {
            "template", "s1identity", ChartPaths.Chart, "--namespace", "s1identity-system", "--show-only", "templates/deployment.yaml",
        };
        if (ChartPaths.Values(caseName) is { } values)
        {
            arguments.AddRange(["--values", values]);
        }

        var rendered = await helm.RunAsync([.. arguments]);
        Assert.True(rendered.Succeeded, rendered.ToString());
        return rendered.StandardOutput;
    }
}
