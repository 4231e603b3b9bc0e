namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Finds the known key an unknown one was probably meant to be (<c>polInterval</c> → <c>pollInterval</c>).</summary>
internal static class KeySuggestions
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="key"/>, or null when none is close.</summary>
    public static string? Closest(string key, IEnumerable<string> known)
    {
        var normalized = Normalize(key);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            // page_size, PageSize and page-size all mean pageSize.
            var distance = Normalize(candidate) == normalized ? 0 : Distance(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 4) ? best : null;
    }

    private static string Normalize(string key) =>
        string.Concat(key.Where(c => c is not ('_' or '-'))).ToUpperInvariant();

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
