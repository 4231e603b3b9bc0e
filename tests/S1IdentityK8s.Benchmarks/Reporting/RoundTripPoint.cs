namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>One point of the alerts/s-against-round-trip chart.</summary>
/// <param name="RoundTripMs">The UAM latency injected per request.</param>
/// <param name="CollectorAlertsPerSecond">The collector's rate.</param>
/// <param name="ReferenceAlertsPerSecond">The reference pattern's rate.</param>
public sealed record RoundTripPoint(int RoundTripMs, double CollectorAlertsPerSecond, double ReferenceAlertsPerSecond);
