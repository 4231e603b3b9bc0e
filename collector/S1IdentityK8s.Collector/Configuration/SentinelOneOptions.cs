namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>sentinelOne</c> section: where and how fast to read UAM alerts.</summary>
public sealed class SentinelOneOptions
{
    /// <summary>
    /// The console's base URL, always <c>https://host[:port]/</c> (or <c>http://</c> to a loopback host), from
    /// <c>hostname</c>: <c>host</c>, <c>host:port</c> or <c>https://host[:port][/]</c>. Required.
    /// </summary>
    public required Uri BaseUri { get; init; }

    /// <summary><c>apiTokenFile</c>: absolute path of the API token file; null when unset (env <c>S1_API_TOKEN</c> then).</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary><c>pageSize</c>: alerts per list page, 1..1000. Default 500.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary><c>detailBatchSize</c>: alerts per detail request, 1..100 (1 = one request per alert). Default 50.</summary>
    public int DetailBatchSize { get; init; } = 50;

    /// <summary>
    /// <c>detailConcurrency</c>: detail requests in flight at once, 1..16 (1 = one after the other). Default 4.
    /// They still share <c>requestsPerSecond</c>: concurrency only fills the time spent waiting for answers.
    /// </summary>
    public int DetailConcurrency { get; init; } = 4;

    /// <summary>The smallest <c>requestsPerSecond</c>: one request every 100 s.</summary>
    public const double MinRequestsPerSecond = 0.01;

    /// <summary><c>requestsPerSecond</c>: request budget shared by live collection and backfills, 0.01..100. Default 10.</summary>
    public double RequestsPerSecond { get; init; } = 10;

    /// <summary><c>requestTimeout</c>: timeout of one HTTP request, &gt; 0. Default 30s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>retry</c>: per-request retry of transient UAM failures. Defaults: 5 attempts, 1s doubling to 30s.</summary>
    public RetryOptions Retry { get; init; } = new();
}
