namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// The collector's credentials. Each comes from its environment variable when that is set and non-empty,
/// otherwise from its configured file (re-read when the file changes, see <see cref="SecretSource"/>).
/// The <see cref="SecretValue"/> properties always return the current value.
/// </summary>
public sealed class CollectorSecrets
{
    /// <summary>Environment variable holding the SentinelOne API token (wins over <c>sentinelOne.apiTokenFile</c>).</summary>
    public const string ApiTokenVariable = "S1_API_TOKEN";

    /// <summary>Environment variable holding the Sekoia intake key (wins over <c>sekoia.intakeKeyFile</c>).</summary>
    public const string IntakeKeyVariable = "SEKOIA_INTAKE_KEY";

    /// <summary>Environment variable holding the admin token for CollectorService calls (wins over <c>adminTokenFile</c>).</summary>
    public const string AdminTokenVariable = "S1_COLLECTOR_ADMIN_TOKEN";

    /// <summary>Bundles the three sources; <paramref name="adminToken"/> is null when no admin token is configured.</summary>
    public CollectorSecrets(SecretSource apiToken, SecretSource intakeKey, SecretSource? adminToken)
    {
        ArgumentNullException.ThrowIfNull(apiToken);
        ArgumentNullException.ThrowIfNull(intakeKey);
        ApiTokenSource = apiToken;
        IntakeKeySource = intakeKey;
        AdminTokenSource = adminToken;
    }

    /// <summary>Where the SentinelOne API token comes from.</summary>
    public SecretSource ApiTokenSource { get; }

    /// <summary>Where the Sekoia intake key comes from.</summary>
    public SecretSource IntakeKeySource { get; }

    /// <summary>Where the admin token comes from; null when none is configured.</summary>
    public SecretSource? AdminTokenSource { get; }

    /// <summary>The current SentinelOne API token (read per request: it follows file rotation).</summary>
    public SecretValue ApiToken => ApiTokenSource.Current;

    /// <summary>The current Sekoia intake key.</summary>
    public SecretValue IntakeKey => IntakeKeySource.Current;

    /// <summary>The current admin token, or null when none is configured.</summary>
    public SecretValue? AdminToken => AdminTokenSource?.Current;

    /// <summary>Names the origins only.</summary>
    public override string ToString() =>
        $"apiToken: {ApiTokenSource.Origin}, intakeKey: {IntakeKeySource.Origin}, adminToken: {AdminTokenSource?.Origin ?? "none"}";
}
