using S1IdentityK8s.Collector.Http;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// The intake's <see cref="RetryAfterGate"/>. Chunks are pushed concurrently, so when the intake throttles
/// one push, every push waits.
/// </summary>
public sealed class IntakeHoldOff(TimeProvider time) : RetryAfterGate(time);
