using System.Text;
using System.Text.Json;

namespace S1IdentityK8s.TestSupport.Stack;

/// <summary>
/// An intake and the two Secrets it reads, as one multi-document YAML for <c>kubectl apply</c>: the
/// shape of <c>operator/examples/intake.yaml</c>, pointed at a tenant and an intake of the caller's choice.
/// </summary>
public sealed record IntakeManifest
{
    /// <summary>The intake's name.</summary>
    public string Name { get; init; } = "acme-identity";

    /// <summary><c>spec.sentinelOne.hostname</c>: a console host, or <c>http://127.0.0.1:PORT</c> for an emulator.</summary>
    public required string Hostname { get; init; }

    /// <summary>The UAM API token stored in the <c>sentinelone-api-token</c> Secret.</summary>
    public required string ApiToken { get; init; }

    /// <summary>The intake key stored in the <c>sekoia-intake-key</c> Secret.</summary>
    public required string IntakeKey { get; init; }

    /// <summary><c>spec.sekoia.endpoint</c>; null to use <see cref="Region"/>.</summary>
    public string? SekoiaEndpoint { get; init; }

    /// <summary><c>spec.sekoia.region</c> when no endpoint is set.</summary>
    public string Region { get; init; } = "FRA1";

    /// <summary><c>spec.collection.pollInterval</c>.</summary>
    public string PollInterval { get; init; } = "60s";

    /// <summary><c>spec.collection.settleDelay</c>.</summary>
    public string SettleDelay { get; init; } = "30s";

    /// <summary>Name of the Secret holding the UAM token.</summary>
    public const string ApiTokenSecret = "sentinelone-api-token";

    /// <summary>Name of the Secret holding the intake key.</summary>
    public const string IntakeKeySecret = "sekoia-intake-key";

    /// <summary>The Secrets and the intake, in that order.</summary>
    public string ToYaml()
    {
        var sekoia = SekoiaEndpoint is { Length: > 0 } endpoint ? $"endpoint: {Quote(endpoint)}" : $"region: {Quote(Region)}";
        var yaml = new StringBuilder();
        yaml.Append(Secret(ApiTokenSecret, "token", ApiToken));
        yaml.Append(Secret(IntakeKeySecret, "intake-key", IntakeKey));
        yaml.Append($"""
            apiVersion: s1identity.dev/v1alpha1
            kind: SentinelOneIdentityIntake
            metadata:
              name: {Quote(Name)}
            spec:
              sentinelOne:
                hostname: {Quote(Hostname)}
                apiTokenSecretRef: {"{"}name: {ApiTokenSecret}, key: token{"}"}
              sekoia:
                intakeKeySecretRef: {"{"}name: {IntakeKeySecret}, key: intake-key{"}"}
                {sekoia}
              collection:
                pollInterval: {Quote(PollInterval)}
                settleDelay: {Quote(SettleDelay)}

            """);
        return yaml.ToString();
    }

    /// <summary>A Secret document with one key (ends with the document separator).</summary>
    public static string Secret(string name, string key, string value) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {Quote(name)}
        type: Opaque
        stringData:
          {key}: {Quote(value)}
        ---

        """;

    // A JSON string is a valid YAML double-quoted scalar: no value can break out of its field.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
