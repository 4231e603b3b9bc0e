using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>
/// The collector's single-writer Lease, created by the operator so that the collector's Role can name it
/// (RBAC cannot scope <c>create</c>). Created once and never applied again: its spec is the holder's.
/// </summary>
public static class LeaseBuilder
{
    private static readonly DateTime LongAgo = DateTime.UnixEpoch.AddTicks(10);

    /// <summary>The Lease, long expired and held by nobody, so that the first collector acquires it at once.</summary>
    public static V1Lease Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = ChildMetadata.For(intake, IntakeNames.Lease(intake)),
        Spec = new V1LeaseSpec
        {
            HolderIdentity = "",
            LeaseDurationSeconds = 1,
            // MicroTime must carry its six fraction digits, which the client omits when they are all zero.
            AcquireTime = LongAgo,
            RenewTime = LongAgo,
            LeaseTransitions = 0,
        },
    };
}
