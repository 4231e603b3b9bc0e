using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The collector's own ServiceAccount, bound only to its <see cref="RoleBuilder"/> Role.</summary>
public static class ServiceAccountBuilder
{
    /// <summary>The ServiceAccount.</summary>
    public static V1ServiceAccount Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
    };
}
