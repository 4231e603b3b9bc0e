using System.Net;
using System.Net.Sockets;
using k8s;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.TestSupport.Processes;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Plays the kubelet for one collector pod: takes the ConfigMap and Secrets the operator created, lays
/// them out in a temp folder as the pod's mounts would be, and runs the real collector on them.
/// </summary>
internal sealed class LocalCollector : IAsyncDisposable
{
    private readonly string _root;

    private LocalCollector(string root, int grpcPort, CollectorProcess process)
    {
        _root = root;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        Process = process;
    }

    /// <summary>The collector's gRPC address on loopback.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The collector process.</summary>
    public CollectorProcess Process { get; }

    /// <summary>A free loopback port for the collector's gRPC listener.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the collector of intake <paramref name="intake"/> in <paramref name="ns"/> on <paramref name="grpcPort"/>.</summary>
    /// <param name="client">Reads what the operator created.</param>
    /// <param name="kubeconfig">What the collector uses in place of its pod's service account.</param>
    /// <param name="ns">The intake's namespace.</param>
    /// <param name="intake">The intake's name.</param>
    /// <param name="secretNames">The SentinelOne and Sekoia Secrets, in that order.</param>
    /// <param name="grpcPort">The gRPC port to listen on.</param>
    public static async Task<LocalCollector> StartAsync(
        IKubernetes client, string kubeconfig, string ns, string intake, string[] secretNames, int grpcPort)
    {
        var root = Directory.CreateTempSubdirectory("s1k8s-pod-").FullName;
        var mounts = new Dictionary<string, string>
        {
            [CollectorMounts.SentinelOneSecretDirectory] = Path.Combine(root, "sentinelone"),
            [CollectorMounts.SekoiaSecretDirectory] = Path.Combine(root, "sekoia"),
            [CollectorMounts.AdminSecretDirectory] = Path.Combine(root, "admin"),
            [CollectorMounts.StateDirectory] = Path.Combine(root, "state"),
        };
        var secrets = new[] { secretNames[0], secretNames[1], $"{intake}-collector-admin" };
        foreach (var (secret, directory) in secrets.Zip(mounts.Values.Take(3)))
        {
            Directory.CreateDirectory(directory);
            foreach (var (key, value) in (await client.CoreV1.ReadNamespacedSecretAsync(secret, ns)).Data)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory, key), value);
            }
        }

        // The rendered file as the operator wrote it, with the pod's paths and ports moved to this machine.
        var config = (await client.CoreV1.ReadNamespacedConfigMapAsync($"{intake}-collector", ns)).Data[CollectorMounts.ConfigFile];
        config = mounts.Aggregate(config, (text, mount) => text.Replace(mount.Key, mount.Value, StringComparison.Ordinal))
            .Replace($"port: {IntakeNames.MetricsPort}", "port: 0", StringComparison.Ordinal)
            .Replace($"port: {IntakeNames.GrpcPort}", $"port: {grpcPort}", StringComparison.Ordinal)
            .Replace("listenAddress: 0.0.0.0", "listenAddress: 127.0.0.1", StringComparison.Ordinal)
            .Replace("kubernetes:\n", $"kubernetes:\n  kubeconfig: {kubeconfig}\n", StringComparison.Ordinal);
        var path = Path.Combine(root, CollectorMounts.ConfigFile);
        await File.WriteAllTextAsync(path, config);
        return new LocalCollector(root, grpcPort, new CollectorProcess(path));
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        SuiteEvidence.AddDirectory("state", Path.Combine(_root, "state"));
        Directory.Delete(_root, recursive: true);
    }
}
