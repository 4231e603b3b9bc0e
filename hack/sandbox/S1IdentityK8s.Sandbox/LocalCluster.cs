using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;
using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Sandbox;

/// <summary>
/// `make run` with no cluster given: a local cluster (etcd, kube-apiserver, kube-controller-manager,
/// kube-scheduler, and a real node: containerd, runc, kubelet, kube-proxy) running the operator and
/// collector from the images `make images` built, the chart installed with helm and the example intake,
/// collecting from the emulators. Real credentials are refused: the node has no route off this machine.
/// Everything stops with it.
/// </summary>
public static class LocalCluster
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Runs until <paramref name="stopping"/> fires.</summary>
    public static async Task<int> RunAsync(SandboxSettings settings, CancellationToken stopping)
    {
        if (settings.IsReal)
        {
            // The local node is built so that nothing it runs can reach an address off this machine.
            await Console.Error.WriteLineAsync(
                "make run: the local cluster's node has no route off this machine, so its collector could not reach your SentinelOne " +
                "console or Sekoia intake. Use `make run-collector` (the collector alone, with these credentials), or set KUBECONFIG " +
                "to a cluster that can reach them.");
            return 2;
        }

        Console.WriteLine("Starting a local cluster: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, and a node");
        Console.WriteLine("(containerd + runc + kubelet + kube-proxy) with the images of `make images` imported ...");
        var cluster = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { ExternalKubeconfig = null, StartNode = true });
        await cluster.InitializeAsync();
        SandboxTenant? tenant = null;
        try
        {
            var kubeconfig = Path.Combine(settings.RunDirectory, "kubeconfig");
            File.Copy(cluster.KubeconfigPath, kubeconfig, overwrite: true);
            File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            LinkTools(settings.RunDirectory, cluster.Binaries!);
            var node = cluster.Node!;
            Console.WriteLine($"Node {LocalNode.NodeName} Ready at {node.Network.NodeAddress} (pods in {node.Network.PodSubnet}); logs in {node.Directory}");
            // Pods reach the host end of the node's network, not the host's 127.0.0.1.
            tenant = await SandboxTenant.StartAsync(node.Network.HostAddress);
            var installer = new StackInstaller(cluster.Helm, cluster.Kubectl, settings.RunDirectory);
            var intake = Intake(tenant);
            // Figures in `kubectl get s1intake` follow the sandbox's fast feed closely.
            await installer.InstallAsync(intake, ["statusPollInterval=5s"], Patience, stopping);
            await installer.ShowIntakesAsync(stopping);
            var shown = StackInstaller.Shown(kubeconfig);
            Console.WriteLine(StackInstaller.Instructions($"{shown} PATH={StackInstaller.Shown(Path.Combine(settings.RunDirectory, "bin"))}:$PATH", intake.Name));
            await Task.WhenAll(tenant.RunAsync(stopping), ShowEveryAsync(installer, stopping));
            return 0;
        }
        finally
        {
            Console.WriteLine("Stopping: node (pods, containerd, kubelet), emulators, control plane ...");
            if (tenant is not null)
            {
                await tenant.DisposeAsync();
            }

            await cluster.DisposeAsync();
            Console.WriteLine("stopped");
        }
    }

    private static IntakeManifest Intake(SandboxTenant tenant) => new()
    {
        Hostname = tenant.Uam.Origin,
        ApiToken = SandboxTenant.ApiToken,
        IntakeKey = SandboxTenant.IntakeKey,
        SekoiaEndpoint = tenant.Intake.Origin,
        CaBundle = tenant.CaBundle,
        PollInterval = "5s",
        SettleDelay = "1s",
    };

    // The user's own kubectl may be missing or too old: offer the ones the tests use.
    private static void LinkTools(string runDirectory, ControlPlaneBinaries binaries)
    {
        var bin = Directory.CreateDirectory(Path.Combine(runDirectory, "bin")).FullName;
        foreach (var (name, target) in new[] { ("kubectl", binaries.Kubectl), ("helm", binaries.Helm) })
        {
            var link = Path.Combine(bin, name);
            File.Delete(link);
            File.CreateSymbolicLink(link, target);
        }
    }

    private static async Task ShowEveryAsync(StackInstaller installer, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stopping))
        {
            await installer.ShowIntakesAsync(stopping);
        }
    }
}
