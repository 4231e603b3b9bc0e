using System.Globalization;
using k8s.Models;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.PodRunner.Probes;
using S1IdentityK8s.PodRunner.Volumes;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// Runs one container for as long as its pod lives: resolves its image, env and mounts, starts its
/// process, runs its probes, restarts it per the pod's restartPolicy (with <see cref="RestartBackoff"/>)
/// and stops it (SIGTERM, grace, SIGKILL) when the pod goes.
/// </summary>
public sealed class ContainerRunner(PodContext pod, V1Container container, ContainerRecord record, bool isInit)
{
    private readonly RestartBackoff _backoff = new();

    /// <summary>
    /// Runs until the container ends for good (returns its exit code) or <paramref name="stop"/> fires
    /// (stops the process, returns null).
    /// </summary>
    public async Task<int?> RunAsync(CancellationToken stop)
    {
        var policy = pod.Pod.Spec.RestartPolicy ?? "Always";
        while (!stop.IsCancellationRequested)
        {
            ContainerProcess? process;
            ContainerEnvironment environment;
            try
            {
                (process, environment) = await StartAsync(stop);
            }
            catch (Exception e) when (e is ImageNotFoundException or ContainerConfigException or VolumeSourceMissingException or ArgumentException)
            {
                var reason = e is ImageNotFoundException ? "ErrImagePull" : "CreateContainerConfigError";
                if (record.State.Waiting?.Reason != reason)
                {
                    RunnerLog.Pod(pod.Key, $"{container.Name} {reason}: {e.Message}");
                }

                pod.Record.Update(_ => record.State = ContainerRecord.Waiting(reason, e.Message));
                if (!await DelayAsync(_backoff.Next(TimeSpan.Zero), stop))
                {
                    return null;
                }

                continue;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }

            using (process)
            {
                var (exitCode, stopped) = await SuperviseAsync(process, environment, stop);
                var finishedAt = DateTime.UtcNow;
                var terminated = new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated
                    {
                        ExitCode = exitCode,
                        Reason = exitCode == 0 ? "Completed" : "Error",
                        StartedAt = process.StartedAt,
                        FinishedAt = finishedAt,
                        ContainerID = process.ContainerId,
                    },
                };
                RunnerLog.Pod(pod.Key, $"stopped {container.Name} (exit {exitCode.ToString(CultureInfo.InvariantCulture)})");
                var restart = !stopped && ((policy == "Always" && !isInit) || (policy != "Never" && exitCode != 0));
                if (!restart)
                {
                    pod.Record.Update(_ =>
                    {
                        record.State = terminated;
                        record.Ready = false;
                    });
                    return stopped ? null : exitCode;
                }

                var wait = _backoff.Next(finishedAt - process.StartedAt);
                pod.Record.Update(_ =>
                {
                    record.LastState = terminated;
                    record.State = ContainerRecord.Waiting(
                        "CrashLoopBackOff",
                        $"back-off {wait.TotalSeconds:0}s restarting failed container={container.Name} pod={pod.Pod.Metadata.Name}");
                    record.Ready = false;
                    record.Started = false;
                    record.RestartCount++;
                });
                if (!await DelayAsync(wait, stop))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(ContainerProcess Process, ContainerEnvironment Environment)> StartAsync(CancellationToken stop)
    {
        var image = pod.Images.Resolve(container.Image);
        pod.Record.Update(_ => record.ImageId = image.ImageId);
        var environment = await ContainerEnvironment.BuildAsync(
            pod.Pod, container, pod.Record.PodIp, pod.HostIp, pod.ApiServerPort, pod.Reader, stop);
        var argv = ContainerCommand.Resolve(image, container.Command, container.Args, environment.ContainerVariables);
        var workingDirectory = string.IsNullOrEmpty(container.WorkingDir) ? image.DefaultWorkingDirectory : container.WorkingDir;
        var mounts = Mounts(environment);
        if (image.Content is { } content)
        {
            mounts.Add(new ContainerMount(content, ImageCatalog.AppDirectory, ReadOnly: true));
        }

        var staging = IsolatedCommand.StagingDirectory(pod.Directory, container.Name, mounts);
        var info = IsolatedCommand.Build(
            argv, mounts, staging, workingDirectory, Path.Combine(pod.Directory, $"{container.Name}.log"), environment.Process);
        stop.ThrowIfCancellationRequested();
        var process = await ContainerProcess.StartAsync(pod.Launcher, info);
        RunnerLog.Pod(pod.Key, $"started {container.Name} pid {process.Pid.ToString(CultureInfo.InvariantCulture)} on {pod.Record.PodIp}");
        pod.Record.Update(_ =>
        {
            record.ContainerId = process.ContainerId;
            record.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = process.StartedAt } };
            record.Started = container.StartupProbe is null;
            record.Ready = !isInit && container.StartupProbe is null && container.ReadinessProbe is null;
        });
        return (process, environment);
    }

    /// <summary>Waits for exit, a failed liveness/startup probe (restart) or the pod's stop.</summary>
    private async Task<(int ExitCode, bool Stopped)> SuperviseAsync(
        ContainerProcess process, ContainerEnvironment environment, CancellationToken stop)
    {
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var probesFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new ProbeTarget(pod.Record.PodIp, container, environment.Process, () => process.AppPid);
        var probes = isInit ? Task.CompletedTask : RunProbesAsync(target, probesFailed, probing.Token);
        var stopped = Task.Delay(Timeout.Infinite, stop);
        var first = await Task.WhenAny(process.Exited, probesFailed.Task, stopped);
        int exitCode;
        if (first == process.Exited)
        {
            exitCode = await process.Exited;
        }
        else
        {
            exitCode = await process.StopAsync(pod.StopGrace, pod.KillNow);
        }

        await probing.CancelAsync();
        try
        {
            await probes;
        }
        catch (OperationCanceledException)
        {
            // The probes ended with the process.
        }

        return (exitCode, first == stopped);
    }

    private async Task RunProbesAsync(ProbeTarget target, TaskCompletionSource failed, CancellationToken cancellationToken)
    {
        if (container.StartupProbe is { } startup)
        {
            var passed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var startupRun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = new ProbeRunner(ProbeKind.Startup, startup, target).RunAsync(v => passed.TrySetResult(v), startupRun.Token);
            var ok = await passed.Task.WaitAsync(cancellationToken);
            await startupRun.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
            if (!ok)
            {
                RunnerLog.Pod(pod.Key, $"{container.Name} startup probe failed, restarting");
                failed.TrySetResult();
                return;
            }

            pod.Record.Update(_ =>
            {
                record.Started = true;
                record.Ready = container.ReadinessProbe is null;
            });
        }

        var tasks = new List<Task>();
        if (container.ReadinessProbe is { } readiness)
        {
            tasks.Add(new ProbeRunner(ProbeKind.Readiness, readiness, target).RunAsync(
                ready => pod.Record.Update(_ => record.Ready = ready), cancellationToken));
        }

        if (container.LivenessProbe is { } liveness)
        {
            tasks.Add(new ProbeRunner(ProbeKind.Liveness, liveness, target).RunAsync(alive =>
            {
                if (!alive)
                {
                    RunnerLog.Pod(pod.Key, $"{container.Name} liveness probe failed, restarting");
                    failed.TrySetResult();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(tasks);
    }

    private List<ContainerMount> Mounts(ContainerEnvironment environment)
    {
        var mounts = new List<ContainerMount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!pod.Volumes.Paths.TryGetValue(mount.Name, out var source))
            {
                throw new ContainerConfigException($"volumeMount {mount.Name} names no volume of the pod");
            }

            var subPath = !string.IsNullOrEmpty(mount.SubPathExpr)
                ? VariableExpander.Expand(mount.SubPathExpr, environment.ContainerVariables)
                : mount.SubPath;
            if (!string.IsNullOrEmpty(subPath))
            {
                source = Path.Combine(source, subPath);
                if (!File.Exists(source) && !Directory.Exists(source))
                {
                    Directory.CreateDirectory(source);
                }
            }

            mounts.Add(new ContainerMount(source, mount.MountPath, mount.ReadOnlyProperty == true));
        }

        return mounts;
    }
}
