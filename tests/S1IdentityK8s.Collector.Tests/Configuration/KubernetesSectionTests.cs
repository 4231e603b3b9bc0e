using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class KubernetesSectionTests
{
    [Fact]
    public void Parse_NoSection_StandaloneMode()
    {
        Assert.Null(ConfigYaml.Valid(ConfigYaml.Minimal).Kubernetes);
    }

    [Fact]
    public void Parse_MinimalSection_DefaultsLeaseNameAndIdentity()
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal + "\nkubernetes:\n  namespace: team-a\n  checkpointConfigMap: intake-a-checkpoint\n");

        var kubernetes = Assert.IsType<KubernetesOptions>(options.Kubernetes);
        Assert.Equal("team-a", kubernetes.Namespace);
        Assert.Equal("intake-a-checkpoint-writer", kubernetes.LeaseName);
        Assert.False(string.IsNullOrEmpty(kubernetes.Identity));
        Assert.Null(kubernetes.Kubeconfig);
        Assert.Null(kubernetes.Owner);
    }

    [Fact]
    public void Parse_FullSection_ReadsOwnerAndResolvesKubeconfig()
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal + """

            kubernetes:
              namespace: team-a
              checkpointConfigMap: intake-a-checkpoint
              leaseName: intake-a
              identity: pod-1
              kubeconfig: kube/config
              owner: {apiVersion: s1identity.dev/v1alpha1, kind: SentinelOneIdentityIntake, name: intake-a, uid: 1234}
            """);

        var kubernetes = options.Kubernetes!;
        Assert.Equal("intake-a", kubernetes.LeaseName);
        Assert.Equal("pod-1", kubernetes.Identity);
        Assert.Equal("/config/kube/config", kubernetes.Kubeconfig);
        Assert.Equal(new OwnerReferenceOptions("s1identity.dev/v1alpha1", "SentinelOneIdentityIntake", "intake-a", "1234"), kubernetes.Owner);
    }

    [Theory]
    [InlineData("kubernetes:\n  checkpointConfigMap: c\n", "kubernetes.namespace: expected a Kubernetes object name")]
    [InlineData("kubernetes:\n  namespace: a\n", "kubernetes.checkpointConfigMap: expected a Kubernetes object name")]
    [InlineData("kubernetes:\n  namespace: Team_A\n  checkpointConfigMap: c\n", "kubernetes.namespace: expected a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got 'Team_A'")]
    [InlineData("kubernetes:\n  namespace: a\n  checkpointConfigMap: c\n  owner: {kind: X}\n", "kubernetes.owner: expected apiVersion, kind, name and uid")]
    [InlineData("kubernetes:\n  namespace: a\n  checkpointConfigMap: c\n  leaseNme: x\n", "kubernetes.leaseNme: unknown key")]
    public void Parse_BadSection_NamesTheKey(string section, string expected)
    {
        var result = ConfigYaml.Parse(ConfigYaml.Minimal + "\n" + section);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}
