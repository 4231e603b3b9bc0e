using k8s.Models;

namespace S1IdentityK8s.PodRunner.Probes;

/// <summary>
/// Runs one probe of a container on its schedule (initialDelaySeconds, then every periodSeconds) and
/// reports each change of its result: success after successThreshold passes in a row, failure after
/// failureThreshold misses in a row. Before its first verdict the result is unknown (null).
/// </summary>
public sealed class ProbeRunner(ProbeKind kind, V1Probe probe, ProbeTarget target)
{
    /// <summary>The kind of this probe.</summary>
    public ProbeKind Kind { get; } = kind;

    /// <summary>Probes until cancelled; <paramref name="onChange"/> gets each new verdict.</summary>
    public async Task RunAsync(Action<bool> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var period = TimeSpan.FromSeconds(probe.PeriodSeconds is > 0 ? probe.PeriodSeconds.Value : 10);
        var successThreshold = probe.SuccessThreshold is > 0 ? probe.SuccessThreshold.Value : 1;
        var failureThreshold = probe.FailureThreshold is > 0 ? probe.FailureThreshold.Value : 3;
        bool? verdict = null;
        var successes = 0;
        var failures = 0;
        if (probe.InitialDelaySeconds is > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(probe.InitialDelaySeconds.Value), cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var passed = await ProbeCheck.RunAsync(probe, target, cancellationToken);
            (successes, failures) = passed ? (successes + 1, 0) : (0, failures + 1);
            var next = successes >= successThreshold ? true : failures >= failureThreshold ? false : verdict;
            if (next is { } changed && changed != verdict)
            {
                verdict = changed;
                onChange(changed);
            }

            await Task.Delay(period, cancellationToken);
        }
    }
}
