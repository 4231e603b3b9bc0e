using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Operator.Tests.Controllers;

public sealed class ChildBuilderTests
{
    private static V1Alpha1SentinelOneIdentityIntake Intake() => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "soc", Uid = "uid-1" },
        Spec = new IntakeSpec
        {
            SentinelOne = new SentinelOneSpec { Hostname = "usea1.sentinelone.net", ApiTokenSecretRef = new SecretKeyReference { Name = "s1", Key = "token" } },
            Sekoia = new SekoiaSpec { IntakeKeySecretRef = new SecretKeyReference { Name = "sekoia", Key = "key" }, Region = SekoiaRegions.Usa1 },
            Backfills = [new BackfillSpec { Name = "incident-42", From = "2026-11-02T00:00:00Z", To = "2026-11-02T06:00:00Z" }],
        },
    };

    [Fact]
    public void Render_Intake_WritesCollectorKeysAndSecretFilesOnly()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(CollectorConfigRenderer.Render(Intake())));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        Assert.Equal("usea1.sentinelone.net", root["sentinelOne"]["hostname"].ToString());
        Assert.Equal("/var/run/secrets/s1identity/sentinelone/token", root["sentinelOne"]["apiTokenFile"].ToString());
        Assert.Equal("/var/run/secrets/s1identity/sekoia/key", root["sekoia"]["intakeKeyFile"].ToString());
        Assert.Equal("USA1", root["sekoia"]["region"].ToString());
        Assert.Equal("10m", root["collection"]["overlap"].ToString());
        Assert.Equal("acme", root["intake"]["name"].ToString());
        Assert.Equal("incident-42", ((YamlSequenceNode)root["backfills"])[0]["name"].ToString());
        Assert.Equal("1m", root["collection"]["credentialsRetryInterval"].ToString());
        Assert.Equal("acme-checkpoint", root["kubernetes"]["checkpointConfigMap"].ToString());
        Assert.Equal("uid-1", root["kubernetes"]["owner"]["uid"].ToString());
    }

    [Fact]
    public void BuildAndRender_DeadLetterClaim_MountsTheClaimAndPointsTheCollectorThere()
    {
        var intake = Intake();
        intake.Spec.DeadLetters = new DeadLettersSpec { PersistentVolumeClaim = new DeadLetterVolumeClaim { ClaimName = "acme-letters" }, MaxCount = 500 };

        var pod = DeploymentBuilder.Build(intake, new IntakeControllerOptions(), "hash").Spec.Template.Spec;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(CollectorConfigRenderer.Render(intake)));
        var deadLetters = ((YamlMappingNode)yaml.Documents[0].RootNode)["deadLetters"];

        var volume = Assert.Single(pod.Volumes, v => v.PersistentVolumeClaim is not null);
        Assert.Equal("acme-letters", volume.PersistentVolumeClaim.ClaimName);
        var mount = Assert.Single(pod.Containers.Single().VolumeMounts, m => m.Name == volume.Name);
        Assert.Equal(CollectorMounts.DeadLetterDirectory, mount.MountPath);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
        Assert.Equal(mount.MountPath, deadLetters["directory"].ToString());
        Assert.Equal("500", deadLetters["maxCount"].ToString());
        // Defaults are left to the collector.
        Assert.False(((YamlMappingNode)deadLetters).Children.ContainsKey("maxBytes"));
    }

    [Fact]
    public void BuildAndRender_DeadLetterSpecAllDefaults_LettersStayInTheStateEmptyDirAndTheConfigHasNoSection()
    {
        // As the apiserver defaults it: the section present with every default.
        var intake = Intake();
        intake.Spec.DeadLetters = new DeadLettersSpec();
        var pod = DeploymentBuilder.Build(intake, new IntakeControllerOptions(), "hash").Spec.Template.Spec;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(CollectorConfigRenderer.Render(intake)));

        Assert.DoesNotContain(pod.Volumes, v => v.PersistentVolumeClaim is not null);
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == "state").EmptyDir);
        Assert.False(((YamlMappingNode)yaml.Documents[0].RootNode).Children.ContainsKey("deadLetters"));
    }

    [Fact]
    public void Build_GrpcProbes_ProbeHealthServiceOnGrpcPort()
    {
        var deployment = DeploymentBuilder.Build(Intake(), new IntakeControllerOptions { GrpcProbes = true }, "hash");
        var container = deployment.Spec.Template.Spec.Containers.Single();

        Assert.Equal((IntakeNames.GrpcPort, ""), (container.LivenessProbe.Grpc.Port, container.LivenessProbe.Grpc.Service));
        Assert.Null(container.ReadinessProbe.TcpSocket);
        Assert.Equal((IntakeNames.GrpcPort, 1, 120), (container.StartupProbe.Grpc.Port, container.StartupProbe.PeriodSeconds, container.StartupProbe.FailureThreshold));
        Assert.Equal("hash", deployment.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation]);
        Assert.Equal(["--config", "/etc/s1identity/collector.yaml"], container.Args);
    }

    [Fact]
    public void Build_Deployment_LastLogLinesBecomeTerminationMessage()
    {
        var container = DeploymentBuilder.Build(Intake(), new IntakeControllerOptions(), "hash").Spec.Template.Spec.Containers.Single();

        // The collector prints "config error: ..." and exits: the kubelet keeps those lines for the CrashLooping message.
        Assert.Equal("FallbackToLogsOnError", container.TerminationMessagePolicy);
    }

    [Fact]
    public void Build_Role_GrantsOnlyStateConfigMapsAndLeaseByName()
    {
        var role = RoleBuilder.Build(Intake());

        Assert.All(role.Rules, r => Assert.DoesNotContain("create", r.Verbs));
        Assert.Equal(["acme-checkpoint", "acme-checkpoint-backfills", "acme-collector"], role.Rules.SelectMany(r => r.ResourceNames));
    }
}
