using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers;

namespace S1IdentityK8s.Operator.Collectors;

/// <summary>Where the operator reaches a collector.</summary>
public static class CollectorAddresses
{
    /// <summary>The collector Service's cluster DNS name on the gRPC port (plain h2c inside the cluster).</summary>
    public static Uri InCluster(V1Alpha1SentinelOneIdentityIntake intake) =>
        new($"http://{IntakeNames.Collector(intake)}.{intake.Metadata.NamespaceProperty}.svc:{IntakeNames.GrpcPort}");
}
