namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The condition types of an intake's status.</summary>
public static class ConditionTypes
{
    /// <summary>The collector runs with the current spec and delivers (kstatus: the summary condition).</summary>
    public const string Ready = "Ready";

    /// <summary>The operator is still converging the children towards the current spec (kstatus).</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>Progress needs a change by the user, e.g. a missing Secret (kstatus).</summary>
    public const string Stalled = "Stalled";

    /// <summary>SentinelOne and Sekoia accept the credentials.</summary>
    public const string CredentialsValid = "CredentialsValid";

    /// <summary>The UAM API answers.</summary>
    public const string SourceReachable = "SourceReachable";

    /// <summary>The Sekoia intake answers.</summary>
    public const string SinkReachable = "SinkReachable";

    /// <summary>Delivery is behind by more than one poll interval plus the settle delay.</summary>
    public const string Lagging = "Lagging";

    /// <summary><c>spec.suspend</c> is set and polling stopped.</summary>
    public const string Suspended = "Suspended";
}
