using System.Diagnostics;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class CollectorProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CollectorProcess Shell(string script, IReadOnlyDictionary<string, string?>? environment = null) =>
        new("/bin/sh", ["-c", script], environment);

    [Fact]
    public async Task WaitForOutputAsync_LineWritten_ReturnsIt()
    {
        await using var process = Shell("echo starting; echo ready >&2; exec sleep 100");

        var line = await process.WaitForOutputAsync(l => l == "ready", Timeout);

        Assert.True(line.IsError);
        Assert.Contains(process.Output, l => l.Text == "starting" && !l.IsError);
        Assert.False(process.HasExited);
    }

    [Fact]
    public async Task WaitForOutputAsync_ProcessExitsFirst_ThrowsWithOutput()
    {
        await using var process = Shell("echo bye; exit 2");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => process.WaitForOutputAsync(l => l == "ready", Timeout));

        Assert.Contains("bye", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, process.ExitCode);
    }

    [Fact]
    public async Task KillAsync_RunningProcessTree_ExitsWithSigkillCode()
    {
        await using var process = Shell("echo ready; sleep 100");
        await process.WaitForOutputAsync(l => l == "ready", Timeout);

        var exitCode = await process.KillAsync();

        Assert.Equal(128 + 9, exitCode);
    }

    [Fact]
    public async Task StopAsync_ProcessHandlesSigterm_ExitsGracefully()
    {
        await using var process = Shell("trap 'echo stopping; exit 3' TERM; echo ready; while :; do sleep 0.05; done");
        await process.WaitForOutputAsync(l => l == "ready", Timeout);

        var exitCode = await process.StopAsync(Timeout);

        Assert.Equal(3, exitCode);
        await process.WaitForOutputAsync(l => l == "stopping", Timeout);
    }

    [Fact]
    public async Task StopAsync_ProcessIgnoresSigterm_KillsAndThrows()
    {
        await using var process = Shell("trap '' TERM; echo ready; exec sleep 100");
        await process.WaitForOutputAsync(l => l == "ready", Timeout);

        await Assert.ThrowsAsync<TimeoutException>(() => process.StopAsync(TimeSpan.FromMilliseconds(300)));

        Assert.True(process.HasExited);
    }

    [Fact]
    public async Task Environment_ExtraAndRemovedVariables_ReachTheChild()
    {
        await using var process = Shell("echo \"x=$S1K8S_TEST_X home=${HOME:-unset}\"",
            new Dictionary<string, string?> { ["S1K8S_TEST_X"] = "42", ["HOME"] = null });

        var line = await process.WaitForOutputAsync(l => l.StartsWith("x=", StringComparison.Ordinal), Timeout);

        Assert.Equal("x=42 home=unset", line.Text);
    }

    [Fact]
    public async Task DisposeAsync_RunningProcess_KillsIt()
    {
        var process = Shell("echo ready; exec sleep 100");
        await process.WaitForOutputAsync(l => l == "ready", Timeout);
        var pid = process.Id;

        await process.DisposeAsync();

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public void TestConfiguration_FromTestBinariesPath_IsTheBuildConfiguration()
    {
        Assert.True(CollectorBinary.TestConfiguration is "Release" or "Debug", CollectorBinary.TestConfiguration);
        Assert.Contains($"{Path.DirectorySeparatorChar}{CollectorBinary.TestConfiguration}{Path.DirectorySeparatorChar}",
            AppContext.BaseDirectory, StringComparison.Ordinal);
    }
}
