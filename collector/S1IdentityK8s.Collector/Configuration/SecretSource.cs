using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Where a secret comes from, and its current value. A file-backed source re-reads the file when its
/// modification time, size or resolved path changed (one <c>stat</c> per access), so a rotated Kubernetes
/// Secret is picked up without a restart; if the new content is unreadable, empty or malformed, the last
/// good value is kept. An environment-backed source never changes.
/// </summary>
public sealed class SecretSource
{
    private readonly Lock _gate = new();
    private SecretValue _current;
    private SecretFileStamp? _stamp;

    private SecretSource(string origin, string? filePath, SecretValue value, SecretFileStamp? stamp)
    {
        Origin = origin;
        FilePath = filePath;
        _current = value;
        _stamp = stamp;
    }

    /// <summary>Where the value comes from, for messages: <c>file '/path'</c> or <c>env NAME</c>; never the value.</summary>
    public string Origin { get; }

    /// <summary>The absolute path of the secret file; null for a value from the environment.</summary>
    public string? FilePath { get; }

    /// <summary>The current value: for a file, re-read first if the file changed since the last read.</summary>
    public SecretValue Current
    {
        get
        {
            if (FilePath is null)
            {
                return _current;
            }

            var stamp = SecretFileStamp.Of(FilePath);
            lock (_gate)
            {
                if (stamp is not null && stamp != _stamp && SecretText.TryRead(FilePath, out var value) == SecretProblem.None)
                {
                    _current = value!;
                    _stamp = stamp;
                }

                return _current;
            }
        }
    }

    /// <summary>A fixed value, e.g. from an environment variable; <paramref name="origin"/> describes where from.</summary>
    public static SecretSource FromValue(SecretValue value, string origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return new SecretSource(origin, null, value, null);
    }

    /// <summary>
    /// A source that follows <paramref name="path"/>; throws <see cref="InvalidDataException"/>, naming the file
    /// and the problem but never the value, when the file cannot give a valid secret now.
    /// </summary>
    public static SecretSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TryFromFile(path, out var source, out var problem)
            ? source
            : throw new InvalidDataException($"file '{Path.GetFullPath(path)}' {SecretText.Describe(problem)}");
    }

    /// <summary>A source following <paramref name="path"/>, or false with the reason it cannot give a valid secret now.</summary>
    internal static bool TryFromFile(string path, [NotNullWhen(true)] out SecretSource? source, out SecretProblem problem)
    {
        var fullPath = Path.GetFullPath(path);
        var stamp = SecretFileStamp.Of(fullPath);
        problem = SecretText.TryRead(fullPath, out var value);
        source = problem == SecretProblem.None ? new SecretSource($"file '{fullPath}'", fullPath, value!, stamp) : null;
        return source is not null;
    }

    /// <summary>Names the origin only, e.g. <c>secret from env S1_API_TOKEN</c>.</summary>
    public override string ToString() => $"secret from {Origin}";
}
