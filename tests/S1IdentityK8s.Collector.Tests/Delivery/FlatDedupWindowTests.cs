using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// The dedup window stays flat over a backlog drain (one long detectedAt pass, then an updatedAt pass over
/// the same alerts) without re-sending or losing a version: on a hand-moved clock, against the emulators.
/// </summary>
public sealed class FlatDedupWindowTests : IAsyncLifetime
{
    private const int Backlog = 120;
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private readonly string _state = Directory.CreateTempSubdirectory("s1k8s-flat-").FullName;
    private readonly FakeTimeProvider _clock = new(T);
    private readonly List<ServiceProvider> _services = [];
    private readonly IReadOnlyList<JsonObject> _backlog = AlertFixtures.Generate(Backlog, T.AddHours(-22), T.AddHours(-1), seed: 77);
    private UamEmulator _uam = null!;
    private SekoiaIntakeEmulator _intake = null!;

    public async Task InitializeAsync()
    {
        _uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t" });
        _intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "k" });
        // A day's backlog, each alert last updated at least an hour before the drain starts.
        _uam.AddAlerts(_backlog);
    }

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }
        await _uam.DisposeAsync();
        await _intake.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task BacklogDrain_OnePass_KeysAndCheckpointStayBounded()
    {
        var store = new RecordingCheckpointStore();
        var live = await StartedAsync(store);

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        Assert.Equal(Backlog, _intake.EventCount);
        var saves = store.Saves;
        Assert.True(saves.Count > Backlog / 2, "a commit per chunk and per page");
        // Every version was updated long before its page was read: a span vouches for it. The only keys held
        // are of alerts at the span's exclusive end (the generator makes millisecond ties), until it moves on.
        var detectedAt = _backlog.ToDictionary(AlertFields.Id, a => AlertFields.TimestampMs(a, AlertTimeField.DetectedAt));
        Assert.All(saves, s => Assert.All(s["delivered"]!.AsArray(), k => Assert.Equal(
            s["listed"]![0]![1]!.GetValue<long>(), detectedAt[k![0]!.GetValue<string>()])));
        Assert.Empty(saves[^1]["delivered"]!.AsArray());
        Assert.All(saves, s => Assert.True(s["listed"]!.AsArray().Count <= 2));
        var sizes = saves.Select(s => s.ToJsonString().Length).ToList();
        Assert.True(sizes.Max() - sizes.Min() < 400, $"checkpoint sizes {sizes.Min()}..{sizes.Max()} bytes");
    }

    [Fact]
    public async Task BacklogDrain_AlertUpdatedDuringTheDrain_ResentByTheUpdatedAtPass()
    {
        var early = Ids()[3];
        var updated = false;
        var store = new RecordingCheckpointStore
        {
            // Once the early alert's page is committed, it changes (as a person would, mid-drain).
            Saved = s =>
            {
                if (!updated && s["forwardedTotal"]!.GetValue<long>() >= 10)
                {
                    updated = true;
                    _uam.UpdateAlert(early, a => (a["updatedAt"], a["status"]) = (UamTimestamp.Format(T.AddMinutes(-1)), "RESOLVED"));
                }
            },
        };
        var live = await StartedAsync(store);

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        Assert.True(updated);
        Assert.Equal(Backlog + 1, _intake.EventCount);
        Assert.Equal(["RESOLVED"], _intake.Events.Where(e => e.AlertId == early).Skip(1).Select(e => JsonNode.Parse(e.Raw)!["status"]!.GetValue<string>()));
        // Its key is kept until no query can return that version again; the backlog's are not.
        Assert.Single(store.Saves[^1]["delivered"]!.AsArray());
    }

    [Fact]
    public async Task BacklogDrain_AlertUpdatedLongBeforeItsPageWasRead_SentOnce()
    {
        var id = Ids()[5];
        _uam.UpdateAlert(id, a => (a["updatedAt"], a["status"]) = (UamTimestamp.Format(T.AddMinutes(-11)), "RESOLVED"));
        var live = await StartedAsync(new RecordingCheckpointStore());

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        Assert.Equal(Backlog, _intake.EventCount);
        var sent = Assert.Single(_intake.Events, e => e.AlertId == id);
        Assert.Equal("RESOLVED", JsonNode.Parse(sent.Raw)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task LateVisibleAlert_WithinTheOverlap_DeliveredByTheNextCycle()
    {
        // Detected 10m15s before the first cycle, invisible to it: the next cycle's window (from the
        // watermark T − 30s, minus the 10m overlap) still covers it, and no span may imply it.
        var late = AlertFixtures.Generate(1, T.AddSeconds(-615), T.AddSeconds(-614), seed: 5)[0];
        late["updatedAt"] = late["detectedAt"]!.DeepClone();
        _uam.AddAlert(late, visibleFrom: DateTimeOffset.MaxValue);
        var live = await StartedAsync(new RecordingCheckpointStore());
        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));
        Assert.Equal(Backlog, _intake.EventCount);

        _uam.AddAlert(late);
        _clock.SetUtcNow(T.AddSeconds(60));
        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        Assert.Equal(Backlog + 1, _intake.EventCount);
        Assert.Single(_intake.Events, e => e.AlertId == late["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restart_FromACheckpointWithoutSpans_KeepsItsKeysAndMovesToSpans()
    {
        var ids = Ids();
        var delivered = ids.Take(4).Select(id => (id, UpdatedAtMs: UpdatedAtMs(id))).ToList();
        var oldFormat = new JsonObject
        {
            ["version"] = 1,
            ["detectedWatermarkMs"] = T.AddHours(-24).ToUnixTimeMilliseconds(),
            ["updatedWatermarkMs"] = T.AddHours(-24).ToUnixTimeMilliseconds(),
            ["committedAt"] = T.AddMinutes(-1).ToString("O"),
            ["forwardedTotal"] = 4,
            ["deadLetteredTotal"] = 0,
            ["delivered"] = new JsonArray([.. delivered.Select(k => new JsonArray(k.id, k.UpdatedAtMs))]),
        };
        await File.WriteAllTextAsync(Path.Combine(_state, "checkpoint.json"), oldFormat.ToJsonString());
        var live = await StartedAsync(store: null);

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        Assert.Equal(Backlog - 4, _intake.EventCount);
        Assert.DoesNotContain(_intake.Events, e => ids.Take(4).Contains(e.AlertId));
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "checkpoint.json")))!;
        Assert.Equal(Backlog, saved["forwardedTotal"]!.GetValue<long>());
        Assert.Empty(saved["delivered"]!.AsArray());
        Assert.NotNull(saved["listed"]);
    }

    // The backlog's ids in the order the detectedAt pass reads them.
    private List<string> Ids() =>
        [.. _backlog.OrderBy(a => AlertFields.TimestampMs(a, AlertTimeField.DetectedAt)).Select(AlertFields.Id)];

    private long UpdatedAtMs(string id) => AlertFields.TimestampMs(_uam.GetAlert(id)!, AlertTimeField.UpdatedAt);

    private async Task<LiveDelivery> StartedAsync(ICheckpointStore? store)
    {
        var yaml = $"""
            sentinelOne: {"{"}hostname: "{_uam.Origin}", pageSize: 4, detailBatchSize: 4, requestsPerSecond: 100{"}"}
            sekoia: {"{"}endpoint: "{_intake.Origin}", maxBatchEvents: 2{"}"}
            collection: {"{"}settleDelay: 30s, overlap: 10m, initialLookback: 24h{"}"}
            stateDirectory: {_state}
            """;
        var config = CollectorConfigLoader.Parse(yaml, new Dictionary<string, string?> { ["S1_API_TOKEN"] = "t", ["SEKOIA_INTAKE_KEY"] = "k" }, _state);
        Assert.True(config.IsValid, string.Join("\n", config.Errors));
        var services = new ServiceCollection().AddLogging();
        services.AddCollector(config.Options, config.Secrets, store);
        services.AddSingleton<TimeProvider>(_clock);
        var provider = services.BuildServiceProvider();
        _services.Add(provider);
        var live = provider.GetRequiredService<LiveDelivery>();
        await live.InitializeAsync(CancellationToken.None);
        return live;
    }
}
