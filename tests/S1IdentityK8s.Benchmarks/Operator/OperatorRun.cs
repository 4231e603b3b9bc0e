using S1IdentityK8s.Benchmarks.Measurement;

namespace S1IdentityK8s.Benchmarks.Operator;

/// <summary>What the operator scenario measured of the operator binary.</summary>
public sealed record OperatorRun
{
    /// <summary>From the first intake applied to the last one with observedGeneration.</summary>
    public double ReconciledSeconds { get; init; }

    /// <summary>Reconciles it ran until then.</summary>
    public double ReconcilesToReady { get; init; }

    /// <summary>Writes the apiserver served until then (the intakes themselves included).</summary>
    public double WritesToReady { get; init; }

    /// <summary>Reads the apiserver served until then.</summary>
    public double ReadsToReady { get; init; }

    /// <summary>CPU until then.</summary>
    public CpuUsage CpuToReady { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary>Children found in the namespace then, by kind.</summary>
    public string Children { get; init; } = "";

    /// <summary>Writes during the steady window, by "VERB resource".</summary>
    public IReadOnlyDictionary<string, double> SteadyWrites { get; init; } = new Dictionary<string, double>();

    /// <summary>Reads during the steady window.</summary>
    public double SteadyReads { get; init; }

    /// <summary>Reconciles during the steady window.</summary>
    public double SteadyReconciles { get; init; }

    /// <summary>CPU during the steady window.</summary>
    public CpuUsage SteadyCpu { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary>Its memory at the end of the steady window.</summary>
    public ProcessStats Rss { get; init; } = new(0, 0, 0, 0);

    /// <summary>A restarted operator: from the fork to its first reconcile.</summary>
    public double StartToFirstReconcileMs { get; init; }

    /// <summary>A restarted operator: from the fork to its "leading" log line.</summary>
    public double StartToLeadingMs { get; init; }

    /// <summary>Writes of the restarted operator's first pass (Leases excluded).</summary>
    public double RestartWrites { get; init; }

    /// <summary>Those writes by verb and resource.</summary>
    public string RestartWritesDetail { get; init; } = "";
}
