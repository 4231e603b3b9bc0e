using System.Text;
using System.Text.Json;

namespace S1IdentityK8s.TestSupport.Stack;

/// <summary>
/// An intake and the two Secrets it reads (and the ConfigMap of its CA bundle, when it has one), as one
/// multi-document YAML for <c>kubectl apply</c>: the shape of <c>charts/s1identity-operator/examples/intake.yaml</c>, pointed at
/// a tenant and an intake of the caller's choice.
/// </summary>
public sealed record IntakeManifest
{
    /// <summary>The intake's name.</summary>
    public string Name { get; init; } = "acme-identity";

    /// <summary>
    /// <c>spec.sentinelOne.hostname</c>: a console host, or an emulator's <c>Origin</c> (<c>https://</c> for one
    /// off loopback, whose CA goes in <see cref="CaBundle"/>).
    /// </summary>
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

    /// <summary>
    /// PEM of the CAs the collector trusts besides the system store (e.g. a <c>TestCertificateAuthority</c>'s).
    /// When set, the ConfigMap <see cref="CaBundleConfigMap"/> holds it under <see cref="CaBundleKey"/> and
    /// <c>spec.tls.caBundleRef</c> points at it. Defaults to null: no <c>spec.tls</c>.
    /// </summary>
    public string? CaBundle { get; init; }

    /// <summary>Name of the ConfigMap holding <see cref="CaBundle"/>.</summary>
    public const string CaBundleConfigMap = "s1identity-ca";

    /// <summary>The key of <see cref="CaBundle"/> in its ConfigMap (<c>caBundleRef.key</c>'s default).</summary>
    public const string CaBundleKey = "ca.crt";

    /// <summary>Name of the Secret holding the UAM token.</summary>
    public const string ApiTokenSecret = "sentinelone-api-token";

    /// <summary>Name of the Secret holding the intake key.</summary>
    public const string IntakeKeySecret = "sekoia-intake-key";

    /// <summary>The Secrets, the CA bundle's ConfigMap when there is one, and the intake, in that order.</summary>
    public string ToYaml()
    {
        var sekoia = SekoiaEndpoint is { Length: > 0 } endpoint ? $"endpoint: {Quote(endpoint)}" : $"region: {Quote(Region)}";
        var yaml = new StringBuilder();
        yaml.Append(Secret(ApiTokenSecret, "token", ApiToken));
        yaml.Append(Secret(IntakeKeySecret, "intake-key", IntakeKey));
        var tls = "";
        if (CaBundle is not null)
        {
            yaml.Append(ConfigMap(CaBundleConfigMap, CaBundleKey, CaBundle));
            tls = $"\n  tls:\n    caBundleRef: {{name: {CaBundleConfigMap}, key: {Quote(CaBundleKey)}}}";
        }

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
                settleDelay: {Quote(SettleDelay)}{tls}

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

    /// <summary>A ConfigMap document with one key (ends with the document separator).</summary>
    public static string ConfigMap(string name, string key, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {Quote(name)}
        data:
          {Quote(key)}: {Quote(value)}
        ---

        """;

    // A JSON string is a valid YAML double-quoted scalar: no value can break out of its field.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
