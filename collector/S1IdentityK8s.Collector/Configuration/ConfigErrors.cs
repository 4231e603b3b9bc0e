namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Collects every problem of one load, one line each, in the order found.</summary>
internal sealed class ConfigErrors
{
    private readonly List<string> _lines = [];

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Number of problems so far.</summary>
    public int Count => _lines.Count;

    /// <summary>Adds <c>key: message</c>.</summary>
    public void Add(string key, string message) => _lines.Add($"{key}: {message}");

    /// <summary>Adds <c>key: expected ..., got ...</c>; <paramref name="got"/> is already formatted.</summary>
    public void Expected(string key, string expectation, string got) => Add(key, $"expected {expectation}, got {got}");

    /// <summary>Replaces each of <paramref name="secrets"/> (when long enough to matter) by <c>***</c> in every line.</summary>
    public void Redact(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= 4))
        {
            for (var i = 0; i < _lines.Count; i++)
            {
                _lines[i] = _lines[i].Replace(secret, "***", StringComparison.Ordinal);
            }
        }
    }
}
