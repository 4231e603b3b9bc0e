using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The collector's Role: its checkpoint and backfill ConfigMaps and its Lease, by name, nothing else.</summary>
public static class RoleBuilder
{
    private static readonly string[] ReadWrite = ["get", "update", "patch"];

    /// <summary>The Role.</summary>
    public static V1Role Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
        Rules =
        [
            new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = [IntakeNames.Checkpoint(intake), IntakeNames.Backfills(intake)], Verbs = ReadWrite },
            new V1PolicyRule { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], ResourceNames = [IntakeNames.Lease(intake)], Verbs = ReadWrite },
        ],
    };
}
