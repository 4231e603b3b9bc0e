using Prometheus;

namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// The collector's Prometheus metrics, in a registry of its own labelled with the intake's namespace and
/// name. Labels are fixed vocabularies (pass, target, outcome, reason): never a credential or a URL.
/// </summary>
public sealed class CollectorMetrics
{
    /// <summary>Creates the metrics for the intake <paramref name="intakeNamespace"/>/<paramref name="intakeName"/>.</summary>
    public CollectorMetrics(string intakeNamespace, string intakeName)
    {
        Registry = Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string>
        {
            ["namespace"] = intakeNamespace,
            ["intake"] = intakeName,
        });
        var factory = Metrics.WithCustomRegistry(Registry);
        AlertsFetched = factory.CreateCounter("s1identity_alerts_fetched_total",
            "Alert list nodes read from SentinelOne, by pass (detected, updated, backfill).", "pass");
        AlertsDeduplicated = factory.CreateCounter("s1identity_alerts_deduplicated_total",
            "Alerts skipped because the same (id, updatedAt) was already delivered.", "pass");
        AlertsForwarded = factory.CreateCounter("s1identity_alerts_forwarded_total",
            "Alerts acknowledged by the Sekoia intake, by pass.", "pass");
        AlertsDeadLettered = factory.CreateCounter("s1identity_alerts_dead_lettered_total",
            "Alerts written to the dead-letter store instead of the intake, by reason.", "reason");
        DeadLettersDropped = factory.CreateCounter("s1identity_dead_letters_dropped_total",
            "Dead letters deleted from the store, oldest first, by reason (capacity: over deadLetters.maxCount or maxBytes).", "reason");
        DeadLettersStored = factory.CreateGauge("s1identity_dead_letters_stored",
            "Dead letters currently in the store (listed by ListDeadLetters).");
        Requests = factory.CreateCounter("s1identity_requests_total",
            "HTTP attempts to SentinelOne and Sekoia, by target and outcome.", "target", "outcome");
        RequestDuration = factory.CreateHistogram("s1identity_request_duration_seconds",
            "Duration of HTTP attempts, by target.", new HistogramConfiguration
            {
                LabelNames = ["target"],
                Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
            });
        LagSeconds = factory.CreateGauge("s1identity_lag_seconds",
            "Seconds between now and the detectedAt watermark (includes settleDelay).");
        CheckpointAgeSeconds = factory.CreateGauge("s1identity_checkpoint_age_seconds",
            "Seconds since the checkpoint was last committed.");
        CheckpointCommits = factory.CreateCounter("s1identity_checkpoint_commits_total",
            "Checkpoint writes after acknowledged pages and completed windows.");
        CheckpointBytes = factory.CreateGauge("s1identity_checkpoint_bytes",
            "Bytes the last checkpoint write stored (in a cluster: against the ConfigMap's 1 MiB limit).");
        DedupKeysDropped = factory.CreateCounter("s1identity_checkpoint_dedup_keys_dropped_total",
            "Dedup keys left out of the checkpoint, oldest first, to keep it within its size budget: each may be sent again after a restart (a duplicate, never a loss).");
        CredentialsValid = factory.CreateGauge("s1identity_credentials_valid",
            "1 when the target last accepted our credentials, 0 after a 401/403, by target.", "target");
        RequestRetries = factory.CreateCounter("s1identity_request_retries_total",
            "Failed HTTP attempts that are retried, by target and reason (unavailable, throttled, transport, keyrejected, ...).",
            "target", "reason");
        AlertsHeld = factory.CreateGauge("s1identity_alerts_held",
            "Alerts held back and waiting to be re-sent because the intake refused the key, the endpoint or a batch without saying why.");
        CycleFailures = factory.CreateCounter("s1identity_collection_cycle_failures_total",
            "Collection cycles that ended in an error and will be retried, by kind.", "kind");
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>List nodes read, by pass.</summary>
    public Counter AlertsFetched { get; }

    /// <summary>Nodes dropped by the dedup window, by pass.</summary>
    public Counter AlertsDeduplicated { get; }

    /// <summary>Alerts acknowledged by the intake, by pass.</summary>
    public Counter AlertsForwarded { get; }

    /// <summary>Alerts dead-lettered, by reason.</summary>
    public Counter AlertsDeadLettered { get; }

    /// <summary>Dead letters deleted to stay within the store's bounds, by reason.</summary>
    public Counter DeadLettersDropped { get; }

    /// <summary>Dead letters in the store.</summary>
    public Gauge DeadLettersStored { get; }

    /// <summary>HTTP attempts by target and outcome.</summary>
    public Counter Requests { get; }

    /// <summary>HTTP attempt durations by target.</summary>
    public Histogram RequestDuration { get; }

    /// <summary>Now minus the detectedAt watermark.</summary>
    public Gauge LagSeconds { get; }

    /// <summary>Now minus the last commit.</summary>
    public Gauge CheckpointAgeSeconds { get; }

    /// <summary>Checkpoint writes.</summary>
    public Counter CheckpointCommits { get; }

    /// <summary>Size of the last checkpoint write.</summary>
    public Gauge CheckpointBytes { get; }

    /// <summary>Dedup keys left out of the checkpoint for size, each counted once.</summary>
    public Counter DedupKeysDropped { get; }

    /// <summary>Credential validity by target.</summary>
    public Gauge CredentialsValid { get; }

    /// <summary>Retried attempts by target and reason.</summary>
    public Counter RequestRetries { get; }

    /// <summary>Alerts currently held for a refused key or endpoint.</summary>
    public Gauge AlertsHeld { get; }

    /// <summary>Failed collection cycles by failure kind.</summary>
    public Counter CycleFailures { get; }
}
