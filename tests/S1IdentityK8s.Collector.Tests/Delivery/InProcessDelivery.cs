using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// Live delivery in process against both emulators, with a <see cref="RoundTripProbe"/> innermost in both
/// HTTP pipelines and a <see cref="RecordingCheckpointStore"/>: for tests of what is in flight when.
/// </summary>
public sealed class InProcessDelivery : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The visibility allowance of the configuration below: overlap + settleDelay.</summary>
    public static readonly TimeSpan Lag = TimeSpan.FromMinutes(10);
    private readonly string _state = Directory.CreateTempSubdirectory("s1k8s-inproc-").FullName;
    private ServiceProvider? _services;

    private InProcessDelivery(UamEmulator uam, SekoiaIntakeEmulator intake, RoundTripLog log, RecordingCheckpointStore store) =>
        (Uam, Intake, Log, Store) = (uam, intake, log, store);

    public UamEmulator Uam { get; }
    public SekoiaIntakeEmulator Intake { get; }
    public RoundTripLog Log { get; }
    public RecordingCheckpointStore Store { get; }
    public List<JsonObject> Alerts { get; } = [];

    /// <summary>
    /// Starts the emulators; <paramref name="sentinelOne"/> and <paramref name="sekoia"/> are extra flow-style
    /// keys (e.g. <c>pageSize: 20</c>) of those sections.
    /// </summary>
    public static async Task<InProcessDelivery> StartAsync(
        string sentinelOne, string sekoia, int alerts, RoundTripLog? log = null, RecordingCheckpointStore? store = null)
    {
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t" });
        var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "k" });
        var delivery = new InProcessDelivery(uam, intake, log ?? new RoundTripLog(), store ?? new RecordingCheckpointStore());
        var yaml = $$"""
            sentinelOne: {hostname: "{{uam.Origin}}", {{sentinelOne}}}
            sekoia: {endpoint: "{{intake.Origin}}", {{sekoia}}}
            collection: {settleDelay: 0s, overlap: 10m, initialLookback: 1h, collectUpdates: false}
            stateDirectory: {{delivery._state}}
            """;
        var config = CollectorConfigLoader.Parse(yaml, new Dictionary<string, string?> { ["S1_API_TOKEN"] = "t", ["SEKOIA_INTAKE_KEY"] = "k" }, delivery._state);
        Assert.True(config.IsValid, string.Join("\n", config.Errors));
        var services = new ServiceCollection().AddLogging();
        services.AddCollector(config.Options, config.Secrets, delivery.Store);
        // Added after the collector's own handlers: innermost, right before the socket.
        services.AddHttpClient(CollectorHttpClients.SentinelOne).AddHttpMessageHandler(() => new RoundTripProbe(delivery.Log));
        services.AddHttpClient(CollectorHttpClients.Sekoia).AddHttpMessageHandler(() => new RoundTripProbe(delivery.Log));
        delivery._services = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        delivery.Alerts.AddRange(AlertFixtures.Generate(alerts, now.AddMinutes(-50), now.AddMinutes(-1), seed: 31));
        uam.AddAlerts(delivery.Alerts);
        return delivery;
    }

    /// <summary>Runs one live cycle from a first start; true when the window was drained.</summary>
    public async Task<bool> RunCycleAsync()
    {
        var live = _services!.GetRequiredService<LiveDelivery>();
        await live.InitializeAsync(CancellationToken.None);
        return await live.RunCycleAsync(() => false, CancellationToken.None).WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
