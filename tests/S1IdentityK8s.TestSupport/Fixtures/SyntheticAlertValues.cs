namespace S1IdentityK8s.TestSupport.Fixtures;

/// <summary>What distinguishes one generated alert from its sample: identity, times and severity.</summary>
/// <param name="Id">The alert id (a UUID).</param>
/// <param name="DetectedMs">detectedAt, epoch ms.</param>
/// <param name="CreatedMs">createdAt, epoch ms.</param>
/// <param name="UpdatedMs">updatedAt, epoch ms.</param>
/// <param name="Severity">CRITICAL, HIGH, MEDIUM, LOW or INFO.</param>
/// <param name="FindingUid">The synthesized finding's uid, for samples without detail; null otherwise.</param>
internal readonly record struct SyntheticAlertValues(
    string Id, long DetectedMs, long CreatedMs, long UpdatedMs, string Severity, string? FindingUid);
