using System.Diagnostics;
using S1IdentityK8s.Benchmarks.Measurement;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// Measures a running pattern (the collector or a comparison pattern, each its own process) draining the
/// emulators' backlog. The clock starts at UAM's first answer, the same event for every pattern, so process
/// start-up is not counted; it stops at the acknowledgement that completes the backlog, or, when
/// <c>window</c> runs out first, at the window's end. Waits are event-driven (the
/// intake signals every request), never polled.
/// </summary>
public static class DrainMeter
{
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Measures <paramref name="subject"/>, started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static async Task<DrainResult> MeasureAsync(
        BenchEmulators emulators, ChildProcess subject, long startedAt, int target, TimeSpan window)
    {
        using var done = new CancellationTokenSource();
        var exited = subject.WaitForExitAsync(Timeout.InfiniteTimeSpan, done.Token);
        try
        {
            await FirstOfAsync(emulators.Uam.WaitForRequestsAsync(emulators.RequestsBeforeRun + 1, FirstAnswerTimeout, done.Token), exited, subject);
            var firstAnswer = Stopwatch.GetTimestamp();
            var cpu = CpuWindow.Start(subject.Id);
            var (acked, lastAck) = (0, firstAnswer);
            bool Drained()
            {
                var now = emulators.Intake.AcknowledgedEventCount;
                if (now != acked)
                {
                    (acked, lastAck) = (now, Stopwatch.GetTimestamp());
                }
                return now >= target;
            }

            var completed = true;
            try
            {
                await FirstOfAsync(emulators.Intake.WaitForAsync(Drained, window, done.Token), exited, subject, Drained);
            }
            catch (TimeoutException)
            {
                completed = false;
                Drained();
            }
            var usage = cpu.Stop();
            return new DrainResult(target, acked, emulators.Intake.CountsById(acknowledgedOnly: true).Count,
                // A drain cut by the window is measured over the whole window: a stall before its end counts.
                (completed ? Stopwatch.GetElapsedTime(firstAnswer, lastAck) : window).TotalSeconds, completed,
                Stopwatch.GetElapsedTime(startedAt, firstAnswer).TotalSeconds, usage);
        }
        finally
        {
            await done.CancelAsync();
            try
            {
                await exited;
            }
            catch (OperationCanceledException)
            {
                // The subject is still running: its owner stops it.
            }
        }
    }

    // Waits for `wait`; a subject exiting first is a failure unless `satisfied` already holds.
    private static async Task FirstOfAsync(Task wait, Task<int> exited, ChildProcess subject, Func<bool>? satisfied = null)
    {
        if (await Task.WhenAny(wait, exited) == wait)
        {
            await wait;
            return;
        }
        if (satisfied?.Invoke() == true)
        {
            return;
        }
        throw new InvalidOperationException($"pid {subject.Id} exited with code {await exited} before the run was measured. Output:{Environment.NewLine}{subject.OutputText}");
    }
}
