using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>
/// The README's `make run` then `make stop`, as a newcomer runs them on a machine where nothing runs: a
/// local control plane, the chart, the example intake Ready on emulators; then nothing left running.
/// </summary>
public sealed partial class MakeRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task MakeRunThenMakeStop_OnAnIdleMachine_IntakeGetsReadyThenNothingIsLeft()
    {
        var runDirectory = Directory.CreateTempSubdirectory("s1k8s-make-run-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["RUN_DIR"] = runDirectory,
            // `make test` built everything a moment ago; a second build would only slow the test down.
            ["S1K8S_SKIP_BUILD"] = "1",
            ["KUBECONFIG"] = null,
            ["S1_HOSTNAME"] = null,
            ["S1_API_TOKEN"] = null,
            ["SEKOIA_INTAKE_KEY"] = null,
        };
        var started = DateTimeOffset.UtcNow;
        await using var run = new ChildProcess("make", ["-C", RepositoryPaths.Root, "--no-print-directory", "run"], environment);
        try
        {
            await run.WaitForOutputAsync(line => line.Contains("The intake is Ready", StringComparison.Ordinal), Patience);
            output.WriteLine($"make run → intake Ready: {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
            var text = run.OutputText;
            Assert.Matches(@"acme-identity\s+True", text);
            Assert.Contains("kubectl get s1intake -n soc -w", text, StringComparison.Ordinal);
            Assert.Contains("make stop", text, StringComparison.Ordinal);
            Assert.Contains("CollectorService/GetStatus", text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(runDirectory, "kubeconfig")));
        }
        finally
        {
            var stop = await new CliRunner("make", null, new Dictionary<string, string> { ["RUN_DIR"] = runDirectory })
                .RunAsync(["-C", RepositoryPaths.Root, "--no-print-directory", "stop"], null, TimeSpan.FromSeconds(120));
            output.WriteLine(stop.ToString());
        }

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(90));
        var podProcesses = PodPids().Matches(run.OutputText).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        output.WriteLine(run.OutputText);

        Assert.Equal(0, exitCode);
        Assert.NotEmpty(podProcesses);
        Assert.DoesNotContain(podProcesses, ProcessTable.IsAlive);
        Assert.Empty(ProcessTable.WithCommandLineContaining(runDirectory));
        Assert.False(File.Exists(Path.Combine(runDirectory, "sandbox.pid")));
        Directory.Delete(runDirectory, recursive: true);
    }

    [GeneratedRegex(@"started \S+ pid (\d+)")]
    private static partial Regex PodPids();
}
