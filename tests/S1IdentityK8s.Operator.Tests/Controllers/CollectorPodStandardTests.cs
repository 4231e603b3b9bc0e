using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The collector pods the operator builds meet the "restricted" Pod Security Standard in every shape.</summary>
public sealed class CollectorPodStandardTests
{
    public static TheoryData<string> Shapes => ["plain", "tls", "httpProbes", "scheduling"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Build_IntakeShape_MeetsTheRestrictedStandard(string shape)
    {
        var (intake, options) = Shape(shape);

        var pod = DeploymentBuilder.Build(intake, options, "hash").Spec.Template.Spec;

        Assert.Empty(RestrictedPodStandard.Violations(pod));
    }

    private static (V1Alpha1SentinelOneIdentityIntake Intake, IntakeControllerOptions Options) Shape(string shape)
    {
        var spec = new IntakeSpec
        {
            SentinelOne = new SentinelOneSpec { Hostname = "usea1.sentinelone.net", ApiTokenSecretRef = new SecretKeyReference { Name = "s1", Key = "token" } },
            Sekoia = new SekoiaSpec { IntakeKeySecretRef = new SecretKeyReference { Name = "sekoia", Key = "key" } },
        };
        var options = new IntakeControllerOptions();
        switch (shape)
        {
            case "tls":
                spec.Tls = new TlsSpec { CaBundleRef = new CaBundleReference { Name = "corp-ca", Key = "ca.pem" } };
                break;
            case "httpProbes":
                options = new IntakeControllerOptions { GrpcProbes = false };
                break;
            case "scheduling":
                spec.Collector = new CollectorSpec
                {
                    NodeSelector = new Dictionary<string, string> { ["pool"] = "soc" },
                    Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Exists" }],
                    Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } },
                };
                break;
        }

        var intake = new V1Alpha1SentinelOneIdentityIntake
        {
            Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "soc", Uid = "uid-1" },
            Spec = spec,
        };
        return (intake, options);
    }
}
