using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The Secret holding the bearer token that CollectorService calls need; generated once, then kept.</summary>
public static class AdminSecretBuilder
{
    /// <summary>The admin Secret, reusing the token of <paramref name="existing"/> when it has one.</summary>
    public static V1Secret Build(V1Alpha1SentinelOneIdentityIntake intake, V1Secret? existing)
    {
        var token = existing?.Data?.TryGetValue(CollectorMounts.AdminTokenKey, out var kept) == true && kept.Length > 0
            ? kept
            : Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = ChildMetadata.For(intake, IntakeNames.AdminSecret(intake)),
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { [CollectorMounts.AdminTokenKey] = token },
        };
    }
}
