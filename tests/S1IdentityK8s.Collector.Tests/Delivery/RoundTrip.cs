namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>What a <see cref="RoundTripProbe"/> sends to the network.</summary>
public enum RoundTripKind
{
    /// <summary>A UAM <c>alerts</c> list page.</summary>
    List,

    /// <summary>A UAM aliased <c>alert(id)</c> detail request.</summary>
    Detail,

    /// <summary>A Sekoia <c>/batch</c> push.</summary>
    Push,
}

/// <summary>One request as the collector put it on the wire, on the log's clock.</summary>
/// <param name="Number">1-based order of sending, across every kind.</param>
/// <param name="Kind">What it was.</param>
/// <param name="SentAt">When it left the collector's handlers.</param>
/// <param name="AnsweredAt">When its answer came back, or null while in flight.</param>
/// <param name="StatusCode">The status answered, 0 while in flight.</param>
/// <param name="AlertIds">For a push, the ids of the alerts it carried.</param>
public sealed record RoundTrip(int Number, RoundTripKind Kind, TimeSpan SentAt, TimeSpan? AnsweredAt, int StatusCode, IReadOnlyList<string> AlertIds)
{
    /// <summary>Whether this request was in flight at <paramref name="instant"/>.</summary>
    public bool InFlightAt(TimeSpan instant) => SentAt <= instant && (AnsweredAt is not { } answered || instant < answered);
}
