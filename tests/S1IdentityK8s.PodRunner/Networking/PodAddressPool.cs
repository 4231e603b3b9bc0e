using System.Globalization;

namespace S1IdentityK8s.PodRunner.Networking;

/// <summary>
/// Hands each live pod its own loopback address, from 127.0.1.1 up (127.0.1.1 … 127.0.254.254), so pods
/// that share the host network can still all bind the same port: Linux routes all of 127/8 to <c>lo</c>.
/// </summary>
public sealed class PodAddressPool
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _byPod = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>
    /// The address of the pod with <paramref name="podUid"/>: the one it already has, else
    /// <paramref name="preferred"/> when free (a pod kept across a runner restart), else the lowest free one.
    /// </summary>
    public string Allocate(string podUid, string? preferred = null)
    {
        lock (_gate)
        {
            if (_byPod.TryGetValue(podUid, out var existing))
            {
                return existing;
            }

            var address = preferred is not null && IsPoolAddress(preferred) && !_taken.Contains(preferred)
                ? preferred
                : Candidates().First(a => !_taken.Contains(a));
            _byPod[podUid] = address;
            _taken.Add(address);
            return address;
        }
    }

    /// <summary>Frees the address of the pod with <paramref name="podUid"/> (no-op when it has none).</summary>
    public void Release(string podUid)
    {
        lock (_gate)
        {
            if (_byPod.Remove(podUid, out var address))
            {
                _taken.Remove(address);
            }
        }
    }

    private static bool IsPoolAddress(string address)
    {
        var parts = address.Split('.');
        return parts.Length == 4 && parts[0] == "127" && parts[1] == "0"
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var x) && x is >= 1 and <= 254
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 254;
    }

    private static IEnumerable<string> Candidates()
    {
        for (var x = 1; x <= 254; x++)
        {
            for (var y = 1; y <= 254; y++)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"127.0.{x}.{y}");
            }
        }
    }
}
