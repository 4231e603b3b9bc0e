namespace S1IdentityK8s.PodRunner;

/// <summary>Stops the runner when a given process ends (<c>--exit-with PID</c>).</summary>
public static class ParentWatch
{
    /// <summary>Cancels <paramref name="stop"/> once <paramref name="pid"/> no longer exists.</summary>
    public static async Task StopWhenGoneAsync(int pid, CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                RunnerLog.Info($"process {pid} is gone: stopping");
                await stop.CancelAsync();
                return;
            }
        }
    }
}
