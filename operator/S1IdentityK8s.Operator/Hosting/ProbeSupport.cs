using System.Globalization;
using k8s.Models;

namespace S1IdentityK8s.Operator.Hosting;

/// <summary>
/// Which probe the collector gets: Kubernetes gRPC probes exist from 1.24 on; an older apiserver drops
/// the unknown <c>grpc</c> field and then rejects a probe with no handler, so those get TCP probes.
/// </summary>
public static class ProbeSupport
{
    /// <summary>Whether the server of <paramref name="version"/> (its <c>/version</c>) accepts gRPC probes.</summary>
    public static bool GrpcProbes(VersionInfo version)
    {
        // Providers append to the minor ("27+" on GKE and EKS); an unreadable version gets the safe TCP probe.
        var digits = new string([.. (version.Minor ?? "").TakeWhile(char.IsAsciiDigit)]);
        if (!int.TryParse(version.Major, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        return major > 1 || (major == 1 && minor >= 24);
    }
}
