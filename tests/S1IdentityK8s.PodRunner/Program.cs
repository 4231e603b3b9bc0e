using System.Runtime.InteropServices;
using k8s;
using S1IdentityK8s.PodRunner;
using S1IdentityK8s.PodRunner.Cli;

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{RunnerOptions.Usage}");
    return 2;
}

var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath);
using var client = new Kubernetes(config);
using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
if (options.ExitWithPid is { } parent)
{
    _ = ParentWatch.StopWhenGoneAsync(parent, stop);
}

using var kubelet = new LocalKubelet(client, options, new Uri(config.Host).Port);
await kubelet.RunAsync(stop.Token);
return 0;
