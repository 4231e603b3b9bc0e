namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>A clock tests move by hand, so time-dependent emulator behaviour needs no waiting.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
