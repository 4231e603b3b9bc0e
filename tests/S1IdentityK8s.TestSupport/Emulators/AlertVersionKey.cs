namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// One version of one alert as seen by the intake: the alert <c>id</c> and the event's version (see
/// <see cref="SekoiaIntakeOptions.EventVersion"/>). Two events with the same key are duplicates.
/// </summary>
public readonly record struct AlertVersionKey(string Id, string Version);
