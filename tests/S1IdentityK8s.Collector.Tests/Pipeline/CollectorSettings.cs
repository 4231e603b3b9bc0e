using System.Globalization;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>The knobs pipeline tests turn, rendered as the collector's YAML config.</summary>
public sealed class CollectorSettings
{
    public int PageSize { get; set; } = 500;
    public int DetailBatchSize { get; set; } = 50;

    /// <summary>Written only when set, so the config also suits builds older than the key.</summary>
    public int? DetailConcurrency { get; set; }
    public int RequestsPerSecond { get; set; } = 100;
    public int MaxBatchEvents { get; set; } = 1000;
    public string PollInterval { get; set; } = "1s";
    public string SettleDelay { get; set; } = "0s";
    public string Overlap { get; set; } = "2m";
    public string InitialLookback { get; set; } = "3h";
    public string CredentialsRetryInterval { get; set; } = "2s";
    public bool CollectUpdates { get; set; } = true;
    public bool Suspend { get; set; }

    /// <summary>
    /// Per-request UAM retry and request timeout, and the intake's refused-retry delays; each written only
    /// when set (the defaults otherwise: 5 attempts from 1s, a 30s timeout, 30s doubling to 10m).
    /// </summary>
    public int? RetryMaxAttempts { get; set; }
    public string? RetryInitialDelay { get; set; }
    public string? RetryMaxDelay { get; set; }
    public string? RequestTimeout { get; set; }
    public string? IntakeRequestTimeout { get; set; }
    public string? RefusedRetryDelay { get; set; }
    public string? MaxRefusedRetryDelay { get; set; }

    /// <summary>YAML appended verbatim (e.g. a <c>kubernetes</c> section).</summary>
    public string ExtraYaml { get; set; } = "";

    public string ToYaml(Uri uam, Uri intake, string stateDirectory) => string.Create(CultureInfo.InvariantCulture, $"""
        sentinelOne:
          hostname: {uam.ToString().TrimEnd('/')}
          pageSize: {PageSize}
          detailBatchSize: {DetailBatchSize}{(DetailConcurrency is { } c ? $"\n  detailConcurrency: {c}" : "")}
          requestsPerSecond: {RequestsPerSecond}{Optional("requestTimeout", RequestTimeout)}{RetryYaml()}
        sekoia:
          endpoint: {intake.ToString().TrimEnd('/')}
          maxBatchEvents: {MaxBatchEvents}{Optional("refusedRetryDelay", RefusedRetryDelay)}{Optional("maxRefusedRetryDelay", MaxRefusedRetryDelay)}{Optional("requestTimeout", IntakeRequestTimeout)}
        collection:
          pollInterval: {PollInterval}
          settleDelay: {SettleDelay}
          overlap: {Overlap}
          initialLookback: {InitialLookback}
          collectUpdates: {(CollectUpdates ? "true" : "false")}
          credentialsRetryInterval: {CredentialsRetryInterval}
        suspend: {(Suspend ? "true" : "false")}
        stateDirectory: {stateDirectory}
        listenAddress: 127.0.0.1
        http: {"{"}port: 0{"}"}
        grpc: {"{"}port: 0{"}"}
        logging: {"{"}format: json, level: Information{"}"}
        intake: {"{"}namespace: tests, name: pipeline{"}"}
        {ExtraYaml}
        """);

    private static string Optional(string key, object? value) =>
        value is null ? "" : string.Create(CultureInfo.InvariantCulture, $"\n  {key}: {value}");

    private string RetryYaml() => RetryKeys().ToList() is { Count: > 0 } keys ? $"\n  retry: {{{string.Join(", ", keys)}}}" : "";

    private IEnumerable<string> RetryKeys()
    {
        if (RetryMaxAttempts is { } attempts)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"maxAttempts: {attempts}");
        }
        if (RetryInitialDelay is { } initial)
        {
            yield return $"initialDelay: {initial}";
        }
        if (RetryMaxDelay is { } max)
        {
            yield return $"maxDelay: {max}";
        }
    }
}
