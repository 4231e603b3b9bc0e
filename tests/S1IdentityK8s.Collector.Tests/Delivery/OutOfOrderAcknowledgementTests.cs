using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// Chunks are pushed concurrently, so the intake may acknowledge a later chunk before an earlier one. Live
/// delivery in process, one alert per chunk, the first chunk's push held back until the second's is
/// acknowledged: the checkpoint must never hold the second alert's key or a watermark past the first alert
/// before the first is acknowledged too; then both commit.
/// </summary>
public sealed class OutOfOrderAcknowledgementTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    // overlap + settleDelay below: how late a version may become visible, so what a listed span vouches for.
    private static readonly TimeSpan Lag = TimeSpan.FromMinutes(10);
    private readonly string _state = Directory.CreateTempSubdirectory("s1k8s-ooo-").FullName;
    private readonly RecordingCheckpointStore _store = new();
    private readonly HeldPushHandler.Signals _signals = new();
    private UamEmulator _uam = null!;
    private SekoiaIntakeEmulator _intake = null!;
    private ServiceProvider _services = null!;
    private List<JsonObject> _alerts = null!;

    public async Task InitializeAsync()
    {
        _uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t" });
        _intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "k" });
        var yaml = $"""
            sentinelOne: {"{"}hostname: "{_uam.Origin}", pageSize: 2, detailBatchSize: 1, requestsPerSecond: 100{"}"}
            sekoia: {"{"}endpoint: "{_intake.Origin}", maxBatchEvents: 1{"}"}
            collection: {"{"}settleDelay: 0s, overlap: 10m, initialLookback: 1h, collectUpdates: false{"}"}
            stateDirectory: {_state}
            """;
        var config = CollectorConfigLoader.Parse(yaml, new Dictionary<string, string?> { ["S1_API_TOKEN"] = "t", ["SEKOIA_INTAKE_KEY"] = "k" }, _state);
        Assert.True(config.IsValid, string.Join("\n", config.Errors));
        var services = new ServiceCollection().AddLogging();
        services.AddCollector(config.Options, config.Secrets, _store);
        // Added after the collector's own handlers: innermost, right before the socket.
        services.AddHttpClient(CollectorHttpClients.Sekoia).AddHttpMessageHandler(() => new HeldPushHandler(Id(0), _signals));
        _services = services.BuildServiceProvider();
        // Four alerts a second apart, two pages of two: chunk i carries alert i alone.
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        _alerts = AlertFixtures.Generate(4, start, start.AddMinutes(1), seed: 77).ToList();
        for (var i = 0; i < _alerts.Count; i++)
        {
            _alerts[i]["detectedAt"] = start.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
            _alerts[i]["updatedAt"] = _alerts[i]["detectedAt"]!.GetValue<string>();
        }
        _uam.AddAlerts(_alerts);
    }

    public async Task DisposeAsync()
    {
        _signals.Release.TrySetResult();
        await _services.DisposeAsync();
        await _uam.DisposeAsync();
        await _intake.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task RunCycle_SecondChunkAcknowledgedFirst_NeitherKeyNorWatermarkPassesTheFirstUntilItIsAcknowledged()
    {
        var live = _services.GetRequiredService<LiveDelivery>();
        await live.InitializeAsync(CancellationToken.None);
        var initial = Watermark(_store.Saves[^1]);
        var secondAcknowledged = _signals.AcknowledgedAsync(Id(1));

        var cycle = live.RunCycleAsync(() => false, CancellationToken.None);
        await _signals.Held.Task.WaitAsync(Patience);
        await secondAcknowledged.WaitAsync(Patience);
        var whileHeld = _store.Saves;
        _signals.Release.SetResult();
        Assert.True(await cycle.WaitAsync(Patience));

        // The intake acknowledged the second alert before it even received the first.
        var acknowledged = _intake.Requests.Where(r => r.Succeeded).ToList();
        Assert.Equal(Id(1), _intake.Events.First(e => e.RequestNumber == acknowledged[0].Number).AlertId);
        Assert.All(whileHeld, s => Assert.DoesNotContain(Id(1), RecordingCheckpointStore.DeliveredIds(s, _alerts, Lag)));
        Assert.All(whileHeld, s => Assert.Equal(initial, Watermark(s)));
        // Over the whole history: a key or a watermark past the first alert only once the first is committed.
        var firstMs = DetectedMs(0);
        foreach (var saved in _store.Saves)
        {
            var ids = RecordingCheckpointStore.DeliveredIds(saved, _alerts, Lag);
            Assert.True(!ids.Contains(Id(1)) || ids.Contains(Id(0)), $"alert 1 committed before alert 0: {saved}");
            Assert.True(Watermark(saved) <= firstMs || ids.Contains(Id(0)), $"watermark past unacknowledged alert 0: {saved}");
        }
        var final = _store.Saves[^1];
        Assert.Equal(4, final["forwardedTotal"]!.GetValue<long>());
        Assert.Equal(_alerts.Select((_, i) => Id(i)).ToHashSet(), RecordingCheckpointStore.DeliveredIds(final, _alerts, Lag));
        Assert.True(Watermark(final) > DetectedMs(3));
        Assert.Equal(4, _intake.CountsById(acknowledgedOnly: true).Count);
    }

    private string Id(int index) => _alerts[index]["id"]!.GetValue<string>();

    private long DetectedMs(int index) => DateTimeOffset.Parse(_alerts[index]["detectedAt"]!.GetValue<string>(),
        System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static long Watermark(JsonObject saved) => saved["detectedWatermarkMs"]!.GetValue<long>();
}
