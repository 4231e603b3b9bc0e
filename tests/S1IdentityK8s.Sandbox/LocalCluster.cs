using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;
using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Sandbox;

/// <summary>
/// `make run` with no cluster given: a local control plane (etcd, kube-apiserver, kube-controller-manager),
/// the local pod runner as its kubelet, the chart installed with helm and the example intake, collecting
/// from the emulators (or from the real tenant when credentials are given). Everything stops with it.
/// </summary>
public static class LocalCluster
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Runs until <paramref name="stopping"/> fires.</summary>
    public static async Task<int> RunAsync(SandboxSettings settings, CancellationToken stopping)
    {
        Console.WriteLine("Starting a local control plane (etcd, kube-apiserver, kube-controller-manager) ...");
        var cluster = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { ExternalKubeconfig = null });
        await cluster.InitializeAsync();
        SandboxTenant? tenant = null;
        PodRunnerProcess? runner = null;
        try
        {
            var kubeconfig = Path.Combine(settings.RunDirectory, "kubeconfig");
            File.Copy(cluster.KubeconfigPath, kubeconfig, overwrite: true);
            File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            LinkTools(settings.RunDirectory, cluster.Binaries!);
            tenant = settings.IsReal ? null : await SandboxTenant.StartAsync();
            Console.WriteLine("Starting the local pod runner (it plays the kubelet) ...");
            runner = await PodRunnerProcess.StartAsync(cluster.Client, cluster.KubeconfigPath, nodeName: "local");
            Console.WriteLine($"Pod logs: {Path.Combine(runner.WorkDirectory, "pods")}/<namespace>_<pod>_<uid>/<container>.log");
            var echo = EchoAsync(runner, stopping);
            var installer = new StackInstaller(cluster.Helm, cluster.Kubectl, settings.RunDirectory);
            var intake = Intake(settings, tenant);
            // Figures in `kubectl get s1intake` follow the sandbox's fast feed closely.
            await installer.InstallAsync(intake, ["statusPollInterval=5s"], Patience, stopping);
            await installer.ShowIntakesAsync(stopping);
            var shown = StackInstaller.Shown(kubeconfig);
            Console.WriteLine(StackInstaller.Instructions($"{shown} PATH={StackInstaller.Shown(Path.Combine(settings.RunDirectory, "bin"))}:$PATH", intake.Name));
            await Task.WhenAll(tenant?.RunAsync(stopping) ?? Task.CompletedTask, ShowEveryAsync(installer, stopping), echo);
            return 0;
        }
        finally
        {
            Console.WriteLine("Stopping: pods, pod runner, emulators, control plane ...");
            if (runner is not null)
            {
                await runner.DisposeAsync();
            }

            if (tenant is not null)
            {
                await tenant.DisposeAsync();
            }

            await cluster.DisposeAsync();
            Console.WriteLine("stopped");
        }
    }

    private static IntakeManifest Intake(SandboxSettings settings, SandboxTenant? tenant) => tenant is null
        ? new IntakeManifest
        {
            Hostname = settings.Hostname!,
            ApiToken = settings.ApiToken!,
            IntakeKey = settings.IntakeKey!,
            SekoiaEndpoint = settings.Endpoint,
            Region = settings.Region ?? "FRA1",
        }
        : new IntakeManifest
        {
            Hostname = $"http://{tenant.Uam.Hostname}",
            ApiToken = SandboxTenant.ApiToken,
            IntakeKey = SandboxTenant.IntakeKey,
            SekoiaEndpoint = tenant.Intake.BaseAddress.ToString().TrimEnd('/'),
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

    // The runner's lifecycle lines (pod started, ready, stopped, with pid and IP) are what a kubelet's events would say.
    private static async Task EchoAsync(PodRunnerProcess runner, CancellationToken stopping)
    {
        var shown = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stopping))
        {
            var lines = runner.Output;
            for (; shown < lines.Count; shown++)
            {
                Console.WriteLine($"[pod-runner] {lines[shown].Text}");
            }
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
