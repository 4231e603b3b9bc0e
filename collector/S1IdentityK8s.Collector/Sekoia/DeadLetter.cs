namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>One alert kept out of the intake, with why.</summary>
/// <param name="AlertId">The alert's id.</param>
/// <param name="UpdatedAtMs">The alert's updatedAt (epoch ms): with the id, the key of this version.</param>
/// <param name="Reason">A fixed reason code: <c>oversize</c> or <c>rejected</c>.</param>
/// <param name="SizeBytes">The serialised alert's UTF-8 size.</param>
/// <param name="Message">What happened, for a person.</param>
/// <param name="DeadLetteredAt">When it was stored.</param>
public sealed record DeadLetter(string AlertId, long UpdatedAtMs, string Reason, int SizeBytes, string Message, DateTimeOffset DeadLetteredAt);
