using System.Diagnostics;
using System.Globalization;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// One running container: the host process started by <see cref="IsolatedCommand"/>, leader of its own
/// process group, whose pid is the container id (<c>s1k8s://PID</c>).
/// </summary>
public sealed class ContainerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ContainerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        StartedAt = DateTime.UtcNow;
        _process.Exited += (_, _) => _exited.TrySetResult(_process.ExitCode);
        if (_process.HasExited)
        {
            _exited.TrySetResult(_process.ExitCode);
        }
    }

    /// <summary>The host pid (also the process group id).</summary>
    public int Pid { get; }

    /// <summary>The container id reported in the pod status.</summary>
    public string ContainerId => $"s1k8s://{Pid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>When it started.</summary>
    public DateTime StartedAt { get; }

    /// <summary>Completes with the exit code (128 + signal when a signal ended it).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts a container process through <paramref name="launcher"/>.</summary>
    public static async Task<ContainerProcess> StartAsync(ProcessLauncher launcher, ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        return new ContainerProcess(await launcher.StartAsync(info));
    }

    /// <summary>
    /// The host pid of the app itself (init of the container's PID namespace), or null when it is gone;
    /// exec probes enter its namespaces.
    /// </summary>
    public int? AppPid
    {
        get
        {
            try
            {
                var children = File.ReadAllText($"/proc/{Pid}/task/{Pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// SIGTERM to the group, SIGKILL after <paramref name="grace"/> or as soon as <paramref name="killNow"/>
    /// fires (the kernel then kills the whole PID namespace); returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken killNow)
    {
        if (!_exited.Task.IsCompleted)
        {
            PosixSignals.SendToGroup(Pid, PosixSignals.Term);
            try
            {
                return await _exited.Task.WaitAsync(grace, killNow);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // Past its grace period, or the pod vanished meanwhile.
            }
        }

        return await KillAsync();
    }

    /// <summary>SIGKILLs the group at once; returns the exit code.</summary>
    public async Task<int> KillAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            PosixSignals.SendToGroup(Pid, PosixSignals.Kill);
        }

        return await _exited.Task;
    }

    public void Dispose() => _process.Dispose();
}
