using k8s.Models;

namespace S1IdentityK8s.PodRunner.Probes;

/// <summary>What a probe checks: the container's pod IP and ports, env and process (for exec).</summary>
/// <param name="PodIp">The pod's loopback address: HTTP, TCP and gRPC probes connect to it.</param>
/// <param name="Container">The container spec, for named ports.</param>
/// <param name="Environment">The container's whole environment, for exec probes.</param>
/// <param name="AppPid">The host pid of the app now (exec probes enter its namespaces), null when gone.</param>
public sealed record ProbeTarget(
    string PodIp, V1Container Container, IReadOnlyDictionary<string, string> Environment, Func<int?> AppPid)
{
    /// <summary>A numbered or named port of the container, resolved to a number.</summary>
    public int Port(IntOrString port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var text = port.Value;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return Container.Ports?.FirstOrDefault(p => p.Name == text)?.ContainerPort
            ?? throw new InvalidOperationException($"container {Container.Name} has no port named '{text}'");
    }
}
