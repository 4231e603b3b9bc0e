using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>The real binary on a fatal error: exit status 1, and the reason on stderr.</summary>
public sealed class FatalExitProcessTests
{
    public static TheoryData<string, string, string> Checkpoints => new()
    {
        // Named by the store: collection cannot start.
        { "not JSON", "not json", "fatal: Cannot start collection: checkpoint file" },
        // Not caught by the poll loop at all: the background service itself fails.
        { "version of the wrong type", "{\"version\":\"x\"}", "fatal: LiveCollector failed: InvalidOperationException" },
    };

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public async Task UnreadableCheckpoint_ExitsOneWithTheReasonOnStderr(string name, string checkpoint, string reason)
    {
        await using var h = await PipelineHarness.StartAsync();
        Directory.CreateDirectory(h.StateDirectory);
        await File.WriteAllTextAsync(Path.Combine(h.StateDirectory, "checkpoint.json"), checkpoint);
        await h.WriteConfigAsync();
        await using var process = new CollectorProcess(h.ConfigPath, new Dictionary<string, string?>
        {
            ["S1_API_TOKEN"] = PipelineHarness.ApiToken,
            ["SEKOIA_INTAKE_KEY"] = PipelineHarness.IntakeKey,
        });

        // The exit is signalled before the pipes are drained: wait for the line itself, not for the exit.
        var line = await process.WaitForOutputAsync(t => t.StartsWith(reason, StringComparison.Ordinal), PipelineHarness.Patience);
        var exitCode = await process.WaitForExitAsync(PipelineHarness.Patience);

        Assert.True(exitCode == 1, $"{name}: exit code {exitCode}. Output:\n{process.OutputText}");
        Assert.True(line.IsError, $"{name}: the reason went to stdout. Output:\n{process.OutputText}");
        Assert.DoesNotContain(PipelineHarness.ApiToken, process.OutputText, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineHarness.IntakeKey, process.OutputText, StringComparison.Ordinal);
    }
}
