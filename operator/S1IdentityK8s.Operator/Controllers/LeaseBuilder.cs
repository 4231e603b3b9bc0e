using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>The collector's single-writer Lease, created empty so that its Role can name it; the collector holds it.</summary>
public static class LeaseBuilder
{
    /// <summary>The Lease, without a holder.</summary>
    public static V1Lease Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = ChildMetadata.For(intake, IntakeNames.Lease(intake)),
    };
}
