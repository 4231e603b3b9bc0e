namespace S1IdentityK8s.Sandbox;

/// <summary>
/// What the sandbox runs against: real SentinelOne and Sekoia when <c>S1_HOSTNAME</c>, <c>S1_API_TOKEN</c>
/// and <c>SEKOIA_INTAKE_KEY</c> are all set (optional <c>SEKOIA_REGION</c> or <c>SEKOIA_ENDPOINT</c>), emulators otherwise.
/// </summary>
public sealed record SandboxSettings(string? Hostname, string? ApiToken, string? IntakeKey, string? Region, string? Endpoint, string RunDirectory)
{
    /// <summary>Whether real credentials were given.</summary>
    public bool IsReal => Hostname is { Length: > 0 } && ApiToken is { Length: > 0 } && IntakeKey is { Length: > 0 };

    /// <summary>Reads the environment; state goes under <paramref name="runDirectory"/>.</summary>
    public static SandboxSettings FromEnvironment(string runDirectory) => new(
        Environment.GetEnvironmentVariable("S1_HOSTNAME"),
        Environment.GetEnvironmentVariable("S1_API_TOKEN"),
        Environment.GetEnvironmentVariable("SEKOIA_INTAKE_KEY"),
        Environment.GetEnvironmentVariable("SEKOIA_REGION"),
        Environment.GetEnvironmentVariable("SEKOIA_ENDPOINT"),
        runDirectory);

    /// <summary>The collector config for <paramref name="hostname"/> and the Sekoia target lines.</summary>
    public string CollectorYaml(string hostname, string sekoiaLines, string pollInterval, string settleDelay) => $"""
        # Written by `make run` (tests/S1IdentityK8s.Sandbox); secrets come from the environment.
        sentinelOne:
          hostname: {hostname}
          requestsPerSecond: 10
        sekoia:
        {sekoiaLines}
        collection:
          pollInterval: {pollInterval}
          settleDelay: {settleDelay}
          initialLookback: 24h
        stateDirectory: {Path.Combine(RunDirectory, "state")}
        listenAddress: 127.0.0.1
        http: {"{"}port: 18080{"}"}
        grpc: {"{"}port: 15051{"}"}
        logging: {"{"}format: text, level: Information{"}"}
        intake: {"{"}namespace: local, name: sandbox{"}"}

        """;
}
