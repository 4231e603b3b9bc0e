using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>
/// The real collector binary for intake <c>soc/acme</c>, polling the UAM emulator every second and
/// delivering to the Sekoia emulator, all on loopback; its metrics on a port of its own. Disposal stops
/// the collector and both emulators and deletes its state.
/// </summary>
internal sealed partial class EmulatedCollector : IAsyncDisposable
{
    public const string Namespace = "soc";
    public const string Intake = "acme";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private const string ApiToken = "s1-token-SECRET-5be01f";
    private const string IntakeKey = "sekoia-key-SECRET-9c1d2e";
    private static readonly HttpClient Http = new();

    private readonly ScratchDirectory _root;

    private EmulatedCollector(UamEmulator uam, SekoiaIntakeEmulator sekoia, ScratchDirectory root, CollectorProcess process, Uri metrics)
    {
        Uam = uam;
        Sekoia = sekoia;
        _root = root;
        Process = process;
        MetricsUri = metrics;
    }

    public UamEmulator Uam { get; }

    public SekoiaIntakeEmulator Sekoia { get; }

    public CollectorProcess Process { get; }

    /// <summary>Its <c>/metrics</c> on 127.0.0.1.</summary>
    public Uri MetricsUri { get; }

    /// <summary>
    /// Starts the emulators holding <paramref name="alerts"/> and the collector; with
    /// <paramref name="intakeKeyRefused"/> the collector presents a key the Sekoia emulator does not know.
    /// </summary>
    public static async Task<EmulatedCollector> StartAsync(IEnumerable<System.Text.Json.Nodes.JsonObject> alerts, bool intakeKeyRefused = false)
    {
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiToken });
        var sekoia = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = IntakeKey });
        var root = new ScratchDirectory("collector");
        uam.AddAlerts(alerts);
        await File.WriteAllTextAsync(root.File("collector.yaml"), Config(uam.BaseAddress, sekoia.BaseAddress, root.File("state")));
        var process = new CollectorProcess(root.File("collector.yaml"), new Dictionary<string, string?>
        {
            ["S1_API_TOKEN"] = ApiToken,
            ["SEKOIA_INTAKE_KEY"] = intakeKeyRefused ? "sekoia-key-SECRET-revoked" : IntakeKey,
            ["POD_NAME"] = "acme-collector-0",
            ["S1_COLLECTOR_ADMIN_TOKEN"] = "admin-token-SECRET-0d9e",
        });
        try
        {
            var listening = await process.WaitForOutputAsync(l => l.Contains("Collector listening on", StringComparison.Ordinal), Patience);
            // The HTTP/1.1 (metrics) port is listed first.
            var port = int.Parse(ListeningPort().Match(listening.Text).Groups[1].Value, CultureInfo.InvariantCulture);
            return new EmulatedCollector(uam, sekoia, root, process, new Uri($"http://127.0.0.1:{port}/metrics"));
        }
        catch
        {
            await process.DisposeAsync();
            await uam.DisposeAsync();
            await sekoia.DisposeAsync();
            root.Dispose();
            throw;
        }
    }

    /// <summary>Its metrics as Prometheus text.</summary>
    public Task<string> MetricsAsync() => Http.GetStringAsync(MetricsUri);

    /// <summary>Its metrics once they hold a sample line starting with <paramref name="sample"/> (name and labels, as exposed).</summary>
    public async Task<string> WaitForSampleAsync(string sample) =>
        (await ClusterWait.ForAsync<string>(
            async t => await Http.GetStringAsync(MetricsUri, t),
            text => text!.Split('\n').Any(l => l.StartsWith(sample, StringComparison.Ordinal)),
            Patience, $"a sample {sample} on {MetricsUri}"))!;

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Uam.DisposeAsync();
        await Sekoia.DisposeAsync();
        _root.Dispose();
    }

    /// <summary>A few recent alerts, so there is something to deliver.</summary>
    public static IReadOnlyList<System.Text.Json.Nodes.JsonObject> RecentAlerts(int count) =>
        AlertFixtures.Generate(count, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddMinutes(-1), seed: 13);

    private static string Config(Uri uam, Uri sekoia, string state) => $$"""
        sentinelOne:
          hostname: {{uam.ToString().TrimEnd('/')}}
        sekoia:
          endpoint: {{sekoia.ToString().TrimEnd('/')}}
        collection:
          pollInterval: 1s
          settleDelay: 0s
          initialLookback: 1h
          credentialsRetryInterval: 1s
        stateDirectory: {{state}}
        listenAddress: 127.0.0.1
        http: {port: 0}
        grpc: {port: 0}
        logging: {format: json, level: Information}
        intake: {namespace: {{Namespace}}, name: {{Intake}}}
        """;

    [GeneratedRegex(@"http://[^:]+:(\d+)")]
    private static partial Regex ListeningPort();
}
