namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The bearer token sent to the apiserver: a fixed one (a kubeconfig's <c>token</c>), or one read from a file
/// (the pod's projected service account token, a kubeconfig's <c>tokenFile</c>) and read again at most every
/// <see cref="RereadPeriod"/> and after a 401, because the kubelet rotates projected tokens (client-go does
/// the same). Its value is never logged nor put in a message: <see cref="ToString"/> names only the source.
/// </summary>
public sealed class BearerToken
{
    /// <summary>How long a token read from a file is used before the file is read again, as client-go.</summary>
    public static readonly TimeSpan RereadPeriod = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly string? _path;
    private readonly TimeProvider _time;
    private string? _value;
    private long _readAt;

    private BearerToken(string? value, string? path, TimeProvider time)
    {
        _value = value;
        _path = path;
        _time = time;
    }

    /// <summary>A token that never changes.</summary>
    public static BearerToken Fixed(string value) => new(value, null, TimeProvider.System);

    /// <summary>A token read from <paramref name="path"/>, read again as it may rotate.</summary>
    public static BearerToken FromFile(string path, TimeProvider? time = null) => new(null, path, time ?? TimeProvider.System);

    /// <summary>The token to send now. Throws <see cref="IOException"/> when its file was never readable.</summary>
    public string Current()
    {
        if (_path is null)
        {
            return _value!;
        }
        lock (_lock)
        {
            if (_value is null || _time.GetElapsedTime(_readAt) >= RereadPeriod)
            {
                try
                {
                    _value = File.ReadAllText(_path).Trim();
                    _readAt = _time.GetTimestamp();
                }
                catch (Exception e) when (_value is not null && e is IOException or UnauthorizedAccessException)
                {
                    // Being rotated (or briefly unreadable): the token read last is still valid for a while.
                }
            }
            return _value;
        }
    }

    /// <summary>The apiserver refused the token (401): read the file again before the next request.</summary>
    public void Refused()
    {
        if (_path is not null)
        {
            lock (_lock)
            {
                _readAt = _time.GetTimestamp() - (long)(RereadPeriod.TotalSeconds * _time.TimestampFrequency);
            }
        }
    }

    /// <summary>Where the token comes from, never the token.</summary>
    public override string ToString() => _path is null ? "bearer token (kubeconfig)" : $"bearer token file {_path}";
}
