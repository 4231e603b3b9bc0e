using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>
/// The collector's NetworkPolicy: ingress only on its gRPC and metrics ports (probes come from the node,
/// which policies do not restrict); egress stays open because SentinelOne and Sekoia are outside the cluster.
/// </summary>
public static class NetworkPolicyBuilder
{
    /// <summary>The NetworkPolicy.</summary>
    public static V1NetworkPolicy Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = IntakeNames.SelectorLabels(intake) },
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    Ports =
                    [
                        new V1NetworkPolicyPort { Port = IntakeNames.GrpcPort, Protocol = "TCP" },
                        new V1NetworkPolicyPort { Port = IntakeNames.MetricsPort, Protocol = "TCP" },
                    ],
                },
            ],
        },
    };
}
