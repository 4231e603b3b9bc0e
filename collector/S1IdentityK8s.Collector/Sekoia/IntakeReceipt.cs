namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>What became of one chunk: every alert of it is either forwarded or durably dead-lettered.</summary>
/// <param name="Forwarded">Alerts the intake acknowledged.</param>
/// <param name="DeadLettered">Alerts written to the dead-letter store (over the event limit, or refused).</param>
public sealed record IntakeReceipt(int Forwarded, int DeadLettered);
