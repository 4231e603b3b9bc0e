namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>Where and with which key <see cref="IntakeClient"/> posts.</summary>
/// <param name="BatchUri">The intake's <c>.../batch</c> URL.</param>
/// <param name="IntakeKey">Returns the current intake key; called per request so a rotated Secret file is picked up.</param>
public sealed record IntakeClientSettings(Uri BatchUri, Func<string> IntakeKey)
{
    /// <summary>The <c>/batch</c> URL below an intake endpoint (<c>https://intake.sekoia.io</c> or a regional one).</summary>
    public static Uri BatchUriFor(Uri endpoint) => new(endpoint.ToString().TrimEnd('/') + "/batch");
}
