namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The life cycle of a declared backfill, as reported in <c>status.backfills[].phase</c>.</summary>
public static class BackfillPhases
{
    /// <summary>Declared, not yet accepted by the collector.</summary>
    public const string Pending = "Pending";

    /// <summary>Re-pulling its window.</summary>
    public const string Running = "Running";

    /// <summary>Every alert of the window was delivered.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Stopped on an error (see its message).</summary>
    public const string Failed = "Failed";

    /// <summary>Cancelled before it finished.</summary>
    public const string Cancelled = "Cancelled";
}
