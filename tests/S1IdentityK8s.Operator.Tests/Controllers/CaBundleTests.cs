using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Stack;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// <c>spec.tls.caBundleRef</c> against a real apiserver: the ConfigMap is checked, mounted, rendered into the
/// collector's config, and followed (it is the user's, not owned: only the reference maps its events).
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CaBundleTests(ControlPlaneFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Intake = "acme-identity";
    private const string CaBundle = "corp-ca";
    // Longer than any wait below: a reconcile within it was triggered by the ConfigMap's own event.
    private static readonly TimeSpan StalledRetry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private TestNamespace? _ns;

    private string Ns => _ns!.Name;

    public async Task InitializeAsync()
    {
        _ns = await IntakeCrd.NamespaceAsync(cluster, "ca-bundle");
    }

    public async Task DisposeAsync()
    {
        if (_ns is not null)
        {
            await _ns.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reconcile_CaBundleMissingThenFixed_StalledNamingFieldThenMountedAndRendered()
    {
        await using var run = await RunningOperator.StartAsync(cluster, options: Options());
        using var ca = TestCertificateAuthority.Create();
        (await cluster.Kubectl.RunAsync(["apply", "-n", Ns, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await WaitForAsync(t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t));
        (await cluster.Kubectl.RunAsync("patch", "s1i", Intake, "-n", Ns, "--type=merge", "-p", """{"spec":{"tls":{"caBundleRef":{"name":"corp-ca"}}}}""")).EnsureSuccess();

        var missing = await WaitForStalledAsync("not found");
        await ApplyCaBundleAsync(new Dictionary<string, string> { ["bundle.pem"] = ca.CertificatePem });
        var noKey = await WaitForStalledAsync("no non-empty key");
        await ApplyCaBundleAsync(new Dictionary<string, string> { ["ca.crt"] = "not a certificate\n" });
        var noCertificate = await WaitForStalledAsync("holds no PEM certificate");
        await ApplyCaBundleAsync(new Dictionary<string, string> { ["ca.crt"] = ca.CertificatePem });
        var deployment = await WaitForAsync(
            t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t),
            d => d!.Spec.Template.Spec.Volumes.Any(v => v.ConfigMap?.Name == CaBundle));
        var intake = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "False");
        var config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{Intake}-collector", Ns);

        Assert.Equal($"spec.tls.caBundleRef: ConfigMap \"{CaBundle}\" not found in namespace \"{Ns}\"", missing.Message);
        Assert.Equal(ConditionReasons.ConfigMapMissing, missing.Reason);
        Assert.Equal($"spec.tls.caBundleRef: ConfigMap \"{CaBundle}\" has no non-empty key \"ca.crt\"", noKey.Message);
        Assert.Equal(ConditionReasons.ConfigMapMissing, noKey.Reason);
        Assert.Equal(ConditionReasons.InvalidSpec, noCertificate.Reason);
        var pod = deployment!.Spec.Template.Spec;
        var volume = pod.Volumes.Single(v => v.ConfigMap?.Name == CaBundle);
        Assert.Equal(("ca.crt", "ca.crt"), (volume.ConfigMap.Items.Single().Key, volume.ConfigMap.Items.Single().Path));
        var mount = pod.Containers.Single().VolumeMounts.Single(m => m.Name == volume.Name);
        Assert.Equal(("/etc/s1identity/tls", true), (mount.MountPath, mount.ReadOnlyProperty));
        Assert.Equal("/etc/s1identity/tls/ca.crt", RenderedConfig(config)["tls"]["caFile"].ToString());
        Assert.Equal(2, intake!.Status!.ObservedGeneration);
        output.WriteLine($"Stalled messages: \"{missing.Message}\", \"{noKey.Message}\", \"{noCertificate.Message}\"; then mounted; {run.WritesIn(Ns).Count} API writes");
    }

    [Fact]
    public async Task Reconcile_CaBundleChanged_ChangesPodTemplateHash()
    {
        await using var run = await RunningOperator.StartAsync(cluster, options: Options());
        using var proxyCa = TestCertificateAuthority.Create("proxy-ca");
        var manifest = new IntakeManifest
        {
            Name = Intake,
            Hostname = "s1.internal.example",
            ApiToken = "s1-token-SECRET-ca-bundle",
            IntakeKey = "sekoia-key-SECRET-ca-bundle",
            SekoiaEndpoint = "https://intake.internal.example",
            CaBundle = proxyCa.CertificatePem,
        };
        (await cluster.Kubectl.ApplyAsync(manifest.ToYaml(), Ns)).EnsureSuccess();
        var first = await WaitForAsync(t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t));
        var hash = first!.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation];
        var reconciles = ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake));

        // The proxy's CA is renewed: a second CA joins the bundle.
        using var renewedCa = TestCertificateAuthority.Create("proxy-ca-2026");
        await ApplyCaBundleAsync(new Dictionary<string, string> { [IntakeManifest.CaBundleKey] = proxyCa.CertificatePem + renewedCa.CertificatePem }, IntakeManifest.CaBundleConfigMap);

        var rolled = await WaitForAsync(
            t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t),
            d => d!.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation] != hash);
        var volume = rolled!.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap?.Name == IntakeManifest.CaBundleConfigMap);
        Assert.Equal(IntakeManifest.CaBundleKey, volume.ConfigMap.Items.Single().Key);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pod template hash {hash} → {rolled.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation]} after the bundle changed; " +
            $"{ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake)) - reconciles} reconciles"));
    }

    private static IntakeControllerOptions Options() => new()
    {
        GrpcProbes = false,
        StalledRetry = StalledRetry,
        CollectorAddress = _ => new Uri("http://127.0.0.1:1"),
    };

    private static IntakeCondition? Condition(V1Alpha1SentinelOneIdentityIntake? intake, string type) =>
        intake?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static YamlMappingNode RenderedConfig(V1ConfigMap config)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config.Data[CollectorMounts.ConfigFile]));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private async Task ApplyCaBundleAsync(Dictionary<string, string> data, string name = CaBundle)
    {
        var configMap = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = name }, Data = data };
        // Replace, not merge: keys left out must disappear.
        (await cluster.Kubectl.RunAsync(["apply", "--server-side", "--force-conflicts", "--field-manager=test", "-n", Ns, "-f", "-"],
            KubernetesJson.Serialize(configMap))).EnsureSuccess();
    }

    private async Task<IntakeCondition> WaitForStalledAsync(string messagePart)
    {
        var intake = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled) is { Status: "True" } c
            && c.Message?.Contains(messagePart, StringComparison.Ordinal) == true);
        return Condition(intake, ConditionTypes.Stalled)!;
    }

    private Task<T?> WaitForAsync<T>(Func<CancellationToken, Task<T>> read, Func<T?, bool>? condition = null)
        where T : class =>
        ClusterWait.ForAsync(async t => (T?)await read(t), v => v is not null && (condition?.Invoke(v) ?? true), Timeout, $"{typeof(T).Name} in {Ns}");

    private Task<V1Alpha1SentinelOneIdentityIntake?> WaitForIntakeAsync(Func<V1Alpha1SentinelOneIdentityIntake?, bool> condition) =>
        WaitForAsync(
            t => cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, Ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, Intake, t),
            condition);
}
