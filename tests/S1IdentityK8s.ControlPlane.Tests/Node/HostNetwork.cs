using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests.Node;

/// <summary>The host's own network settings a node must never change.</summary>
internal static partial class HostNetwork
{
    /// <summary>net.ipv4.ip_forward of the host's network namespace.</summary>
    public static string Forwarding => File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();

    /// <summary>The host's iptables rules (every table), without packet counters or comments with dates.</summary>
    public static async Task<string> IptablesAsync()
    {
        var save = (await new CliRunner("iptables-save").RunAsync()).EnsureSuccess().StandardOutput;
        return string.Join('\n', save.Split('\n').Where(l => !l.StartsWith('#')).Select(l => Counters().Replace(l, "")));
    }

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex Counters();
}
