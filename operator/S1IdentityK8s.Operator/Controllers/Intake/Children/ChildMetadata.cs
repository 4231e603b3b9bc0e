using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>Metadata of a child: its name, the intake's namespace and labels, and the controller owner reference.</summary>
public static class ChildMetadata
{
    /// <summary>Metadata for the child <paramref name="name"/> of <paramref name="intake"/>.</summary>
    public static V1ObjectMeta For(V1Alpha1SentinelOneIdentityIntake intake, string name) => new()
    {
        Name = name,
        NamespaceProperty = intake.Metadata.NamespaceProperty,
        Labels = IntakeNames.Labels(intake),
        OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = V1Alpha1SentinelOneIdentityIntake.GroupVersion,
                Kind = V1Alpha1SentinelOneIdentityIntake.EntityKind,
                Name = intake.Metadata.Name,
                Uid = intake.Metadata.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ],
    };
}
