using System.Runtime.InteropServices;
using S1IdentityK8s.Sandbox;

// `make run` (default): the whole stack on a local control plane, or on the cluster KUBECONFIG names.
// `make run-collector`: the collector binary alone. `make stop`: `stop` undoes a KUBECONFIG install.
// `hack/footprint/measure.sh`: `emulators` or `control-plane` alone, to run its own processes against.
var runDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : ".run");
var mode = args.Length > 1 ? args[1] : "stack";
Directory.CreateDirectory(runDirectory);
var settings = SandboxSettings.FromEnvironment(runDirectory);
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
// `make stop` sends SIGTERM: cancel it and shut down in order, so nothing is left behind.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
var pidFile = Path.Combine(runDirectory, "sandbox.pid");
await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
try
{
    return mode switch
    {
        "standalone" => await StandaloneSandbox.RunAsync(settings, stopping.Token),
        "stop" => await ClusterInstall.UninstallAsync(settings),
        "emulators" => await MeasurementSandbox.EmulatorsAsync(settings, stopping.Token),
        "control-plane" => await MeasurementSandbox.ControlPlaneAsync(settings, stopping.Token),
        _ when kubeconfig is { Length: > 0 } => await ClusterInstall.RunAsync(settings, kubeconfig, stopping.Token),
        _ => await LocalCluster.RunAsync(settings, stopping.Token),
    };
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    return 0;
}
finally
{
    File.Delete(pidFile);
}
