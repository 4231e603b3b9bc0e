using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;
using S1IdentityK8s.TestSupport.Processes;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>
/// The README's `make run` then `make stop`, as a newcomer runs them on a machine where nothing runs: a
/// local cluster with a real node, the chart, the example intake Ready on emulators; then nothing left
/// running, mounted or configured. And `make run` killed outright: its node's reaper still removes it all.
/// </summary>
public sealed partial class MakeRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [LocalControlPlaneFact]
    public async Task MakeRunThenMakeStop_OnAnIdleMachine_IntakeGetsReadyThenNothingIsLeft()
    {
        var runDirectory = Directory.CreateTempSubdirectory("s1k8s-make-run-").FullName;
        var started = DateTimeOffset.UtcNow;
        await using var run = StartMakeRun(runDirectory);
        NodeTrace? trace = null;
        try
        {
            await run.WaitForOutputAsync(line => line.Contains("The intake is Ready", StringComparison.Ordinal), Patience);
            output.WriteLine($"make run → intake Ready: {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
            var text = run.OutputText;
            Assert.Matches(@"acme-identity\s+True", text);
            Assert.Contains("kubectl get s1intake -n soc -w", text, StringComparison.Ordinal);
            Assert.Contains("kubectl port-forward -n soc deploy/acme-identity-collector 50051:50051", text, StringComparison.Ordinal);
            Assert.Contains("make stop", text, StringComparison.Ordinal);
            trace = await TraceAsync(run);
            var pods = await KubectlAsync(runDirectory, "get", "pods", "-A", "-o", "wide");
            output.WriteLine(pods);
            Assert.Contains("acme-identity-collector", pods, StringComparison.Ordinal);
        }
        finally
        {
            var stop = await new CliRunner("make", null, new Dictionary<string, string> { ["RUN_DIR"] = runDirectory })
                .RunAsync(["-C", RepositoryPaths.Root, "--no-print-directory", "stop"], null, TimeSpan.FromSeconds(120));
            output.WriteLine(stop.ToString());
        }

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(90));
        output.WriteLine(run.OutputText);
        Assert.Equal(0, exitCode);
        Assert.Empty(await trace!.LeftoversAsync());
        Assert.Empty(ProcessTable.WithCommandLineContaining(runDirectory));
        Assert.False(File.Exists(Path.Combine(runDirectory, "sandbox.pid")));
        Directory.Delete(runDirectory, recursive: true);
    }

    [LocalControlPlaneFact]
    public async Task MakeRunKilled_WithSigkill_ItsNodeIsRemovedAnyway()
    {
        var runDirectory = Directory.CreateTempSubdirectory("s1k8s-make-run-").FullName;
        await using var run = StartMakeRun(runDirectory);
        await run.WaitForOutputAsync(line => line.Contains("The intake is Ready", StringComparison.Ordinal), Patience);
        var trace = await TraceAsync(run);
        var sandbox = int.Parse(await File.ReadAllTextAsync(Path.Combine(runDirectory, "sandbox.pid")), CultureInfo.InvariantCulture);

        // No `make stop`, no SIGTERM: the process holding the cluster just dies.
        ProcessTable.Kill(sandbox);
        await ClusterWait.ForAsync<IReadOnlyList<string>>(
            async _ => await trace.LeftoversAsync(), left => left!.Count == 0, TimeSpan.FromSeconds(120),
            "the node's reaper to remove everything");
        await run.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(await trace.LeftoversAsync());
        Assert.Empty(ProcessTable.WithCommandLineContaining(trace.Namespace));
        Directory.Delete(runDirectory, recursive: true);
    }

    private static ChildProcess StartMakeRun(string runDirectory) => new("make", ["-C", RepositoryPaths.Root, "--no-print-directory", "run"],
        new Dictionary<string, string?>
        {
            ["RUN_DIR"] = runDirectory,
            // `make test` built everything, images included, a moment ago.
            ["S1K8S_SKIP_BUILD"] = "1",
            ["KUBECONFIG"] = null,
            ["S1_HOSTNAME"] = null,
            ["S1_API_TOKEN"] = null,
            ["SEKOIA_INTAKE_KEY"] = null,
        });

    // The node of `make run`: the sandbox names its folder ("... logs in FOLDER").
    private static Task<NodeTrace> TraceAsync(ChildProcess run) =>
        NodeTrace.RecordAsync(NodeFolder().Match(run.OutputText).Groups[1].Value);

    [GeneratedRegex(@"logs in (\S+)")]
    private static partial Regex NodeFolder();

    private static async Task<string> KubectlAsync(string runDirectory, params string[] arguments) =>
        (await new CliRunner(Path.Combine(runDirectory, "bin", "kubectl"), [$"--kubeconfig={Path.Combine(runDirectory, "kubeconfig")}"])
            .RunAsync(arguments)).EnsureSuccess().StandardOutput;
}
