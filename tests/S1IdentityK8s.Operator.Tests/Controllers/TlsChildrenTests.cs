using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>What <c>spec.tls.caBundleRef</c> puts into the collector's config and Deployment.</summary>
public sealed class TlsChildrenTests
{
    private static V1Alpha1SentinelOneIdentityIntake Intake(TlsSpec? tls) => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "soc", Uid = "uid-1" },
        Spec = new IntakeSpec
        {
            SentinelOne = new SentinelOneSpec { Hostname = "s1.internal.example", ApiTokenSecretRef = new SecretKeyReference { Name = "s1", Key = "token" } },
            Sekoia = new SekoiaSpec { IntakeKeySecretRef = new SecretKeyReference { Name = "sekoia", Key = "key" } },
            Tls = tls,
        },
    };

    private static readonly TlsSpec CorporateCa = new() { CaBundleRef = new CaBundleReference { Name = "corp-ca", Key = "proxy-roots.pem" } };

    [Fact]
    public void Render_CaBundleRef_PointsTlsCaFileAtTheMountedFile()
    {
        var root = Render(Intake(CorporateCa));

        Assert.Equal("/etc/s1identity/tls/ca.crt", root["tls"]["caFile"].ToString());
    }

    [Fact]
    public void Render_NoTls_WritesNoTlsSection()
    {
        var root = Render(Intake(null));

        Assert.False(root.Children.ContainsKey("tls"));
    }

    [Fact]
    public void Build_CaBundleRef_MountsTheKeyReadOnlyAsCaCrt()
    {
        var pod = DeploymentBuilder.Build(Intake(CorporateCa), new IntakeControllerOptions(), "hash").Spec.Template.Spec;

        var volume = Assert.Single(pod.Volumes, v => v.ConfigMap?.Name == "corp-ca");
        var item = Assert.Single(volume.ConfigMap.Items);
        Assert.Equal(("proxy-roots.pem", "ca.crt"), (item.Key, item.Path));
        var mount = Assert.Single(pod.Containers.Single().VolumeMounts, m => m.Name == volume.Name);
        Assert.Equal(("/etc/s1identity/tls", true), (mount.MountPath, mount.ReadOnlyProperty));
    }

    [Fact]
    public void Build_NoTls_NoCaBundleVolumeOrMount()
    {
        var pod = DeploymentBuilder.Build(Intake(null), new IntakeControllerOptions(), "hash").Spec.Template.Spec;

        Assert.DoesNotContain(pod.Containers.Single().VolumeMounts, m => m.MountPath.StartsWith(CollectorMounts.TlsDirectory, StringComparison.Ordinal));
        Assert.Equal(6, pod.Volumes.Count);
    }

    private static YamlMappingNode Render(V1Alpha1SentinelOneIdentityIntake intake)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(CollectorConfigRenderer.Render(intake)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
