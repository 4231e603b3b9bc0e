using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

/// <summary>A control plane of its own (not the shared one): started, used, disposed, checked for leftovers.</summary>
public sealed class ControlPlaneFixtureLifecycleTests(ITestOutputHelper output)
{
    [LocalControlPlaneFact]
    public async Task DisposeAsync_AfterStart_LeavesNoProcessPortOrFolder()
    {
        var fixture = new ControlPlaneFixture();
        var clock = Stopwatch.StartNew();
        await fixture.InitializeAsync();
        var started = clock.Elapsed;
        var runId = fixture.RunId!;
        var pids = fixture.ProcessIds;
        var ports = fixture.Ports;
        var namingTheRun = ProcessTable.WithCommandLineContaining(runId);
        var version = await fixture.Client.Version.GetCodeAsync();

        clock.Restart();
        await fixture.DisposeAsync();
        output.WriteLine($"started in {started.TotalSeconds:F2} s, stopped in {clock.Elapsed.TotalSeconds:F2} s");

        Assert.Equal("v1.20.2", version.GitVersion);
        // etcd, kube-apiserver and kube-controller-manager, each with its watchdog shell and that
        // shell's pipe watcher.
        Assert.Equal(9, pids.Count);
        Assert.Equal(pids.Order(), namingTheRun.Order());
        Assert.DoesNotContain(pids, ProcessTable.IsAlive);
        Assert.Empty(ProcessTable.WithCommandLineContaining(runId));
        Assert.Equal(3, ports.Count);
        Assert.All(ports, port => Assert.False(IsListening(port), $"port {port} is still in use"));
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), runId)));
        Assert.False(Directory.Exists(Path.Combine("/dev/shm", runId)));
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
