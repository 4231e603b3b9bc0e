using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>Binds the collector's Role to its ServiceAccount.</summary>
public static class RoleBindingBuilder
{
    /// <summary>The RoleBinding.</summary>
    public static V1RoleBinding Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = IntakeNames.Collector(intake) },
        Subjects =
        [
            new Rbacv1Subject { Kind = "ServiceAccount", Name = IntakeNames.Collector(intake), NamespaceProperty = intake.Metadata.NamespaceProperty },
        ],
    };
}
