using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Sandbox;

/// <summary>
/// `make run` with <c>KUBECONFIG</c> set: install into that cluster instead of a local one, collecting from
/// the real tenant into the real intake. The emulators run on this machine, out of a real cluster's reach,
/// so credentials are required. `make stop` uninstalls what this installed.
/// </summary>
public static class ClusterInstall
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Installs, waits for the intake to be Ready, prints what to do next and returns.</summary>
    public static async Task<int> RunAsync(SandboxSettings settings, string kubeconfig, CancellationToken stopping)
    {
        if (!settings.IsReal)
        {
            await Console.Error.WriteLineAsync(
                "make run: KUBECONFIG names a cluster, which cannot reach this machine's emulators: set S1_HOSTNAME, S1_API_TOKEN " +
                "and SEKOIA_INTAKE_KEY (and SEKOIA_REGION or SEKOIA_ENDPOINT), or unset KUBECONFIG for the local sandbox.");
            return 2;
        }

        var installer = await InstallerAsync(settings, kubeconfig);
        // Written first, so that `make stop` also cleans up after an install that failed half-way.
        await File.WriteAllTextAsync(MarkerPath(settings), kubeconfig, stopping);
        var intake = new IntakeManifest
        {
            Hostname = settings.Hostname!,
            ApiToken = settings.ApiToken!,
            IntakeKey = settings.IntakeKey!,
            SekoiaEndpoint = settings.Endpoint,
            Region = settings.Region ?? "FRA1",
        };
        Console.WriteLine($"Installing into the cluster of {kubeconfig} (the images must be pullable there).");
        await installer.InstallAsync(intake, [], Patience, stopping);
        await installer.ShowIntakesAsync(stopping);
        Console.WriteLine(StackInstaller.Instructions(kubeconfig, intake.Name));
        return 0;
    }

    /// <summary>Removes the intake, its Secrets and the release that <see cref="RunAsync"/> installed, if any.</summary>
    public static async Task<int> UninstallAsync(SandboxSettings settings)
    {
        if (!File.Exists(MarkerPath(settings)))
        {
            return 0;
        }

        var kubeconfig = await File.ReadAllTextAsync(MarkerPath(settings));
        var binaries = await ControlPlaneBinaries.ResolveAsync();
        var kubectl = new KubectlRunner(binaries.Kubectl, kubeconfig, Path.Combine(settings.RunDirectory, "kubectl-cache"));
        var helm = new HelmRunner(binaries.Helm, kubeconfig, Path.Combine(settings.RunDirectory, "helm"));
        var ns = StackInstaller.IntakeNamespace;
        // The intake first, while the operator still runs: its children go with it through owner references.
        await kubectl.RunAsync("delete", "-n", ns, "s1intake/acme-identity", "--ignore-not-found", "--wait=true");
        await kubectl.RunAsync("delete", "-n", ns, "secret", IntakeManifest.ApiTokenSecret, IntakeManifest.IntakeKeySecret, "--ignore-not-found");
        Console.WriteLine((await helm.RunAsync("uninstall", StackInstaller.Release, "-n", StackInstaller.OperatorNamespace, "--ignore-not-found", "--wait")).StandardOutput.TrimEnd());
        File.Delete(MarkerPath(settings));
        return 0;
    }

    private static async Task<StackInstaller> InstallerAsync(SandboxSettings settings, string kubeconfig)
    {
        var binaries = await ControlPlaneBinaries.ResolveAsync();
        return new StackInstaller(
            new HelmRunner(binaries.Helm, kubeconfig, Path.Combine(settings.RunDirectory, "helm")),
            new KubectlRunner(binaries.Kubectl, kubeconfig, Path.Combine(settings.RunDirectory, "kubectl-cache")),
            settings.RunDirectory);
    }

    private static string MarkerPath(SandboxSettings settings) => Path.Combine(settings.RunDirectory, "cluster-install");
}
