namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// <c>deadLetters</c>: where alerts the intake will never take are kept, and how many. In a cluster the
/// operator points <see cref="Directory"/> at a PersistentVolumeClaim when the intake asks for one, so
/// the letters outlive the pod; the bounds keep a volume from filling up.
/// </summary>
public sealed class DeadLetterOptions
{
    /// <summary>Default of <see cref="MaxCount"/>.</summary>
    public const int DefaultMaxCount = 10_000;

    /// <summary>Default of <see cref="MaxBytes"/> (512 MiB).</summary>
    public const int DefaultMaxBytes = 512 * 1024 * 1024;

    /// <summary><c>deadLetters.directory</c>: absolute path of the dead-letter files. Default <c>{stateDirectory}/dead-letters</c>.</summary>
    public required string Directory { get; init; }

    /// <summary><c>deadLetters.maxCount</c>: most letters kept; the oldest beyond it are dropped, counted. Default 10000.</summary>
    public int MaxCount { get; init; } = DefaultMaxCount;

    /// <summary><c>deadLetters.maxBytes</c>: most bytes of letters kept; the oldest beyond it are dropped, counted. Default 512 MiB.</summary>
    public int MaxBytes { get; init; } = DefaultMaxBytes;
}
