using System.Diagnostics;
using S1IdentityK8s.Benchmarks.Measurement;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>Reads a process's RSS at a fixed interval until disposed: how memory grew during a drain.</summary>
public sealed class RssSampler : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<RssSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RssSampler(int pid, TimeSpan interval) => _loop = SampleAsync(pid, interval);

    /// <summary>The samples so far.</summary>
    public IReadOnlyList<RssSample> Samples
    {
        get { lock (_lock) { return [.. _samples]; } }
    }

    /// <summary>Starts sampling <paramref name="pid"/> every <paramref name="interval"/>.</summary>
    public static RssSampler Start(int pid, TimeSpan interval) => new(pid, interval);

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task SampleAsync(int pid, TimeSpan interval)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                var stats = ProcessStats.Read(pid);
                lock (_lock)
                {
                    _samples.Add(new RssSample(Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1), Math.Round(stats.RssBytes / 1e6, 1)));
                }
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}

/// <summary>One RSS reading.</summary>
/// <param name="Seconds">Since sampling started.</param>
/// <param name="RssMB">VmRSS in MB (10^6 bytes).</param>
public sealed record RssSample(double Seconds, double RssMB);
