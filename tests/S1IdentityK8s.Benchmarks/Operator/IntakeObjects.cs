using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Benchmarks.Operator;

/// <summary>
/// What a user applies for each benchmarked intake: a minimal manifest (the required fields, defaults for the
/// rest) referring to two Secrets shared by every intake of the namespace.
/// </summary>
public static class IntakeObjects
{
    /// <summary>The Secret holding the SentinelOne API token.</summary>
    public const string TokenSecret = "sentinelone-api-token";

    /// <summary>The Secret holding the Sekoia intake key.</summary>
    public const string KeySecret = "sekoia-intake-key";

    /// <summary>The name of intake number <paramref name="index"/>.</summary>
    public static string Name(int index) => "intake-" + index.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>The two Secrets every intake of a namespace reads.</summary>
    public static IEnumerable<V1Secret> Secrets() =>
    [
        new() { Metadata = new V1ObjectMeta { Name = TokenSecret }, StringData = new Dictionary<string, string> { ["token"] = "bench-s1-api-token" } },
        new() { Metadata = new V1ObjectMeta { Name = KeySecret }, StringData = new Dictionary<string, string> { ["intake-key"] = "bench-sekoia-intake-key" } },
    ];

    /// <summary>The manifest of intake number <paramref name="index"/>.</summary>
    public static JsonObject Manifest(int index) => new()
    {
        ["apiVersion"] = V1Alpha1SentinelOneIdentityIntake.GroupVersion,
        ["kind"] = V1Alpha1SentinelOneIdentityIntake.EntityKind,
        ["metadata"] = new JsonObject { ["name"] = Name(index) },
        ["spec"] = new JsonObject
        {
            ["sentinelOne"] = new JsonObject
            {
                ["hostname"] = "usea1-partners.sentinelone.net",
                ["apiTokenSecretRef"] = new JsonObject { ["name"] = TokenSecret, ["key"] = "token" },
            },
            ["sekoia"] = new JsonObject { ["intakeKeySecretRef"] = new JsonObject { ["name"] = KeySecret, ["key"] = "intake-key" } },
        },
    };
}
