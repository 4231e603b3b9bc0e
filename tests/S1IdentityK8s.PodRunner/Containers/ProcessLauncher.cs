using System.Collections.Concurrent;
using System.Diagnostics;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// Starts container processes from one dedicated thread that lives as long as the runner. Linux sends
/// the <c>--pdeathsig</c> signal when the <em>thread</em> that forked a child ends, not the process: a
/// thread-pool thread retiring after idling would kill healthy containers.
/// </summary>
public sealed class ProcessLauncher : IDisposable
{
    private readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> _queue = [];
    /// <summary>Starts the launcher thread.</summary>
    public ProcessLauncher()
    {
        new Thread(Run) { IsBackground = true, Name = "container launcher" }.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the launcher thread.</summary>
    public Task<Process> StartAsync(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((info, started));
        return started.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }

    private void Run()
    {
        try
        {
            foreach (var (info, started) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    var process = new Process { StartInfo = info, EnableRaisingEvents = true };
                    process.Start();
                    started.SetResult(process);
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    started.SetException(e);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the runner is stopping.
        }
    }
}
