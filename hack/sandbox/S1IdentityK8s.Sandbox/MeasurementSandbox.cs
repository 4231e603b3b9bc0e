using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Sandbox;

/// <summary>
/// What `hack/footprint/measure.sh` measures against, for processes it starts itself: the emulated tenant
/// and intake alone (no alert feed, so a collector goes idle once caught up), or a local control plane
/// (etcd, kube-apiserver, kube-controller-manager, no node) for the operator. Each writes a file of
/// <c>KEY=VALUE</c> lines into the run directory once ready, and runs until stopped.
/// </summary>
public static class MeasurementSandbox
{
    /// <summary>The file <see cref="EmulatorsAsync"/> writes: S1_HOSTNAME, SEKOIA_ENDPOINT, S1_API_TOKEN, SEKOIA_INTAKE_KEY.</summary>
    public const string EmulatorsFile = "emulators.env";

    /// <summary>The file <see cref="ControlPlaneAsync"/> writes: KUBECONFIG, KUBECTL.</summary>
    public const string ControlPlaneFile = "control-plane.env";

    /// <summary>The emulators on loopback (plain HTTP) with 200 alerts of the last 6 hours, until <paramref name="stopping"/> fires.</summary>
    public static async Task<int> EmulatorsAsync(SandboxSettings settings, CancellationToken stopping)
    {
        await using var tenant = await SandboxTenant.StartAsync();
        await WriteReadyFileAsync(settings, EmulatorsFile, $"""
            S1_HOSTNAME={tenant.Uam.Origin}
            SEKOIA_ENDPOINT={tenant.Intake.Origin}
            S1_API_TOKEN={SandboxTenant.ApiToken}
            SEKOIA_INTAKE_KEY={SandboxTenant.IntakeKey}

            """);
        await WaitAsync(stopping);
        return 0;
    }

    /// <summary>A local control plane without a node, until <paramref name="stopping"/> fires.</summary>
    public static async Task<int> ControlPlaneAsync(SandboxSettings settings, CancellationToken stopping)
    {
        var cluster = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { ExternalKubeconfig = null });
        await cluster.InitializeAsync();
        try
        {
            var kubeconfig = Path.Combine(settings.RunDirectory, "kubeconfig");
            File.Copy(cluster.KubeconfigPath, kubeconfig, overwrite: true);
            File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await WriteReadyFileAsync(settings, ControlPlaneFile, $"""
                KUBECONFIG={kubeconfig}
                KUBECTL={cluster.Binaries!.Kubectl}

                """);
            await WaitAsync(stopping);
            return 0;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    // Written whole (rename), so a reader polling for the file never sees half of it.
    private static async Task WriteReadyFileAsync(SandboxSettings settings, string name, string text)
    {
        var path = Path.Combine(settings.RunDirectory, name);
        await File.WriteAllTextAsync(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
        Console.WriteLine($"Ready: {path}");
    }

    private static async Task WaitAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the caller disposes what was started.
        }
    }
}
