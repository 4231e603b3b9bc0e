using System.Globalization;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>The knobs API tests turn, rendered as the collector's YAML config (fast polling, loopback, ports 0).</summary>
public sealed record ApiHostSettings
{
    public int PageSize { get; init; } = 500;
    public bool Suspend { get; init; }
    public string LogLevel { get; init; } = "Error";

    /// <summary>The admin token from the environment; null configures none (unless <see cref="AdminTokenFile"/>).</summary>
    public string? AdminToken { get; init; } = ApiHost.AdminToken;

    /// <summary>An admin token file (then <see cref="AdminToken"/> should be null, the environment winning otherwise).</summary>
    public string? AdminTokenFile { get; init; }

    /// <summary>Declared backfills: (name, from, to).</summary>
    public IReadOnlyList<(string Name, DateTimeOffset From, DateTimeOffset To)> Backfills { get; init; } = [];

    /// <summary>The config; with <paramref name="secretFiles"/> (api token, intake key) the secrets come from files, else from the environment.</summary>
    public string ToYaml(Uri uam, Uri intake, string stateDirectory, (string ApiToken, string IntakeKey)? secretFiles = null)
    {
        var yaml = string.Create(CultureInfo.InvariantCulture, $"""
            sentinelOne:
              hostname: {uam.ToString().TrimEnd('/')}
              pageSize: {PageSize}
              detailBatchSize: 50
              requestsPerSecond: 100
            sekoia:
              endpoint: {intake.ToString().TrimEnd('/')}
            collection:
              pollInterval: 1s
              settleDelay: 0s
              overlap: 2m
              initialLookback: 3h
              credentialsRetryInterval: 1s
            suspend: {(Suspend ? "true" : "false")}
            stateDirectory: {stateDirectory}
            listenAddress: 127.0.0.1
            http: {"{"}port: 0{"}"}
            grpc: {"{"}port: 0{"}"}
            logging: {"{"}format: text, level: {LogLevel}{"}"}
            intake: {"{"}namespace: tests, name: api{"}"}

            """);
        if (secretFiles is { } files)
        {
            yaml = yaml.Replace("  requestsPerSecond: 100\n", $"  requestsPerSecond: 100\n  apiTokenFile: {files.ApiToken}\n", StringComparison.Ordinal)
                .Replace($"  endpoint: {intake.ToString().TrimEnd('/')}\n", $"  endpoint: {intake.ToString().TrimEnd('/')}\n  intakeKeyFile: {files.IntakeKey}\n", StringComparison.Ordinal);
        }
        if (AdminTokenFile is not null)
        {
            yaml += $"adminTokenFile: {AdminTokenFile}\n";
        }
        if (Backfills.Count > 0)
        {
            yaml += "backfills:\n" + string.Concat(Backfills.Select(b =>
                $"  - {{name: {b.Name}, from: \"{b.From.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\", to: \"{b.To.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\"}}\n"));
        }
        return yaml;
    }
}
