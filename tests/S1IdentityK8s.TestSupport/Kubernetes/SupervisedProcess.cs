using System.ComponentModel;
using System.Diagnostics;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A long-running child (etcd, kube-apiserver, a collector, ...) started in its own session and process
/// group under a tiny shell watchdog, with its output appended to a log file. The watchdog holds the
/// read end of a pipe whose write end only this process holds: when this process closes it (stop) or
/// dies in any way (crash, SIGKILL, aborted test run), the watchdog sees end-of-file and terminates the
/// child (SIGTERM, then SIGKILL after a grace period), so no orphan survives the test host.
/// </summary>
public sealed class SupervisedProcess : IAsyncDisposable
{
    private readonly Process _watchdog;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SupervisedProcess(string name, string logPath, Process watchdog)
    {
        Name = name;
        LogPath = logPath;
        _watchdog = watchdog;
    }

    /// <summary>A short name for messages, e.g. <c>kube-apiserver</c>.</summary>
    public string Name { get; }

    /// <summary>The file the child's stdout and stderr are appended to.</summary>
    public string LogPath { get; }

    /// <summary>
    /// The watchdog's pid, which is also the id of the session and process group holding the child.
    /// </summary>
    public int ProcessGroupId => _watchdog.Id;

    /// <summary>Completes with the watchdog's exit code (the child's, when it exited on its own).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The live pids in this process's group: the watchdog, its pipe watcher and the child.</summary>
    public IReadOnlyList<int> ProcessIds => ProcessTable.InGroup(ProcessGroupId);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> under a watchdog.</summary>
    /// <param name="name">A short name for messages.</param>
    /// <param name="fileName">The program to run.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell parsing).</param>
    /// <param name="logPath">The file its output is appended to.</param>
    /// <param name="environment">Extra environment variables; none by default.</param>
    /// <param name="stopGrace">How long the child gets between SIGTERM and SIGKILL. Defaults to 5 s.</param>
    public static SupervisedProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string logPath,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? stopGrace = null)
    {
        var graceTenths = (int)Math.Ceiling((stopGrace ?? TimeSpan.FromSeconds(5)).TotalMilliseconds / 100);
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(WatchdogScript);
        info.ArgumentList.Add("s1k8s-watchdog");
        info.ArgumentList.Add(logPath);
        info.ArgumentList.Add(graceTenths.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Process watchdog;
        try
        {
            watchdog = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {name}: 'setsid' (util-linux) is needed", e);
        }

        var supervised = new SupervisedProcess(name, logPath, watchdog);
        _ = supervised.ObserveExitAsync();
        return supervised;
    }

    /// <summary>
    /// Stops the child: closes the watchdog's pipe (SIGTERM, then SIGKILL after the grace period) and
    /// waits for the group to end; kills the whole group if it outlives <paramref name="timeout"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (!_exited.Task.IsCompleted)
        {
            try
            {
                _watchdog.StandardInput.Close();
            }
            catch (IOException)
            {
                // The watchdog is already gone: the pipe has no reader.
            }

            try
            {
                await _exited.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                ProcessTable.KillGroup(ProcessGroupId);
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        // The watchdog waited for its child, but the watcher's last `sleep` or a child's own children
        // may still be in the group: kill them and wait until none is left.
        ProcessTable.KillGroup(ProcessGroupId);
        await ClusterWait.ForAsync<string>(
            _ => Task.FromResult<string?>(ProcessTable.InGroup(ProcessGroupId).Count == 0 ? "empty" : null),
            empty => empty is not null,
            TimeSpan.FromSeconds(10),
            $"the process group of {Name} ({ProcessGroupId}) to end",
            TimeSpan.FromMilliseconds(20));
    }

    /// <summary>The last <paramref name="lines"/> lines of the log, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _watchdog.Dispose();
    }

    private async Task ObserveExitAsync()
    {
        await _watchdog.WaitForExitAsync();
        _exited.TrySetResult(_watchdog.ExitCode);
    }

    /// <summary>
    /// The watchdog, for <c>setsid sh -c SCRIPT NAME LOG GRACE_TENTHS COMMAND ARGS...</c>. The child gets
    /// /dev/null as stdin; the watcher reads the inherited pipe (as fd 3: an async list's stdin would be
    /// /dev/null) until end-of-file, then stops the child.
    /// </summary>
    internal const string WatchdogScript = """
        log="$1"; grace="$2"; shift 2
        exec 3<&0
        "$@" </dev/null >>"$log" 2>&1 &
        child=$!
        {
          while read -r _ <&3; do :; done
          kill -TERM "$child" 2>/dev/null
          i=0
          while kill -0 "$child" 2>/dev/null && [ "$i" -lt "$grace" ]; do sleep 0.1; i=$((i+1)); done
          kill -KILL "$child" 2>/dev/null
        } &
        watcher=$!
        exec 3<&-
        wait "$child"
        status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;
}
