using System.Diagnostics;
using System.Globalization;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

public sealed class SupervisedProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("s1k8s-supervised-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StopAsync_RunningChild_EndsTheWholeGroup()
    {
        var marker = UniqueSleep();
        var process = SupervisedProcess.Start("sleeper", "sleep", [marker], Path.Combine(_directory, "sleeper.log"));
        var child = await WaitForSingleAsync($"sleep {marker}");

        await process.StopAsync();

        Assert.True(process.Exited.IsCompleted);
        Assert.False(ProcessTable.IsAlive(child));
        Assert.Empty(ProcessTable.InGroup(process.ProcessGroupId));
    }

    [Fact]
    public async Task Watchdog_OwnerKilled_KillsTheChild()
    {
        // The owner of the watchdog's stdin pipe is a `sleep` here instead of the test host: SIGKILL it
        // and the kernel closes the pipe exactly as when a test host dies.
        var ownerMarker = UniqueSleep();
        var childMarker = UniqueSleep();
        var owner = new ProcessStartInfo("sh") { UseShellExecute = false };
        owner.ArgumentList.Add("-c");
        owner.ArgumentList.Add("sleep \"$1\" | setsid sh -c \"$2\" s1k8s-watchdog \"$3\" 50 sleep \"$4\"");
        owner.ArgumentList.Add("owner");
        foreach (var argument in new[] { ownerMarker, SupervisedProcess.WatchdogScript, Path.Combine(_directory, "w.log"), childMarker })
        {
            owner.ArgumentList.Add(argument);
        }

        using var shell = Process.Start(owner)!;
        var ownerPid = await WaitForSingleAsync($"sleep {ownerMarker}");
        var childPid = await WaitForSingleAsync($"sleep {childMarker}");

        ProcessTable.Kill(ownerPid);

        await ClusterWait.ForAsync<string>(
            _ => Task.FromResult<string?>(ProcessTable.IsAlive(childPid) ? null : "gone"),
            gone => gone is not null, Timeout, $"the watchdog to kill its child {childPid}");
        await shell.WaitForExitAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Start_TwoProcesses_SecondHoldsNoCopyOfTheFirstsPipe()
    {
        // If a later child inherited an earlier watchdog's pipe, that watchdog would never see
        // end-of-file while the later child lives, and a dead test host would leave orphans.
        await using var first = SupervisedProcess.Start("first", "sleep", [UniqueSleep()], Path.Combine(_directory, "1.log"));
        await using var second = SupervisedProcess.Start("second", "sleep", [UniqueSleep()], Path.Combine(_directory, "2.log"));
        var firstPipe = new FileInfo($"/proc/{first.ProcessGroupId}/fd/0").LinkTarget;

        var secondFiles = second.ProcessIds
            .SelectMany(pid => Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            .Select(fd => new FileInfo(fd).LinkTarget)
            .ToList();

        Assert.StartsWith("pipe:", firstPipe);
        Assert.DoesNotContain(firstPipe, secondFiles);
    }

    private static string UniqueSleep() =>
        (600 + Random.Shared.Next(1, 100_000)).ToString(CultureInfo.InvariantCulture);

    private static async Task<int> WaitForSingleAsync(string commandLine)
    {
        var found = await ClusterWait.ForAsync<IReadOnlyList<int>>(
            _ => Task.FromResult<IReadOnlyList<int>?>(
                [.. ProcessTable.WithCommandLineContaining(commandLine).Where(pid => ProcessTable.CommandLine(pid).Trim() == commandLine)]),
            pids => pids is { Count: 1 }, Timeout, $"one process '{commandLine}'");
        return found![0];
    }
}
