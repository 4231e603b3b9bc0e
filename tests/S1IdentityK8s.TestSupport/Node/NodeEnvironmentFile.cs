namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// The node folder's <c>node.env</c>: KEY=VALUE lines that <c>node-network.sh</c> starts and the fixture
/// completes, and that <c>node-cleanup.sh</c> reads to know what to remove.
/// </summary>
internal static class NodeEnvironmentFile
{
    public static IReadOnlyDictionary<string, string> Read(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    /// <summary>Appends <paramref name="key"/>=<paramref name="value"/> (values hold no spaces or quotes).</summary>
    public static void Append(string path, string key, string value) =>
        File.AppendAllText(path, $"{key}={value}\n");
}
