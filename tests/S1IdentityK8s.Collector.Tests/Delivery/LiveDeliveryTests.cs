using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// The delivery algorithm in process, on a hand-moved clock, against the emulators: which windows and pages
/// it asks UAM for, and what it commits.
/// </summary>
public sealed class LiveDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private readonly string _state = Directory.CreateTempSubdirectory("s1k8s-live-").FullName;
    private readonly FakeTimeProvider _clock = new(T);
    private UamEmulator _uam = null!;
    private SekoiaIntakeEmulator _intake = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t" });
        _intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "k" });
        var yaml = $"""
            sentinelOne: {"{"}hostname: "{_uam.BaseAddress.ToString().TrimEnd('/')}", pageSize: 2, detailBatchSize: 2, requestsPerSecond: 100{"}"}
            sekoia: {"{"}endpoint: "{_intake.BaseAddress.ToString().TrimEnd('/')}"{"}"}
            collection: {"{"}settleDelay: 30s, overlap: 10m, initialLookback: 24h{"}"}
            stateDirectory: {_state}
            """;
        var config = CollectorConfigLoader.Parse(yaml, new Dictionary<string, string?> { ["S1_API_TOKEN"] = "t", ["SEKOIA_INTAKE_KEY"] = "k" }, _state);
        Assert.True(config.IsValid, string.Join("\n", config.Errors));
        var services = new ServiceCollection().AddLogging();
        services.AddCollector(config.Options, config.Secrets);
        services.AddSingleton<TimeProvider>(_clock);
        _services = services.BuildServiceProvider();
        _uam.AddAlerts(AlertFixtures.Generate(5, T.AddHours(-2), T.AddHours(-1), seed: 12));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _uam.DisposeAsync();
        await _intake.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task RunCycle_FirstStart_ReadsLookbackPlusOverlapUpToSettleDelayInPages()
    {
        var live = await StartedAsync();

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        foreach (var field in new[] { "detectedAt", "updatedAt" })
        {
            var pages = ListCalls(field);
            Assert.Equal(3, pages.Count); // 5 alerts, 2 per page
            Assert.All(pages, p => AssertWindow(p, field, T.AddHours(-24).AddMinutes(-10), T.AddSeconds(-30)));
            Assert.All(pages, p => Assert.Equal(2, p.First));
            Assert.Null(pages[0].After);
            Assert.All(pages.Skip(1), p => Assert.NotNull(p.After));
        }
        Assert.Equal(5, _intake.EventCount);
    }

    [Fact]
    public async Task RunCycle_NextCycle_StartsOverlapBehindTheWatermark()
    {
        var live = await StartedAsync();
        await live.RunCycleAsync(() => false, CancellationToken.None);
        _uam.ClearRequests();
        _clock.SetUtcNow(T.AddSeconds(60));

        await live.RunCycleAsync(() => false, CancellationToken.None);

        var first = ListCalls("detectedAt")[0];
        AssertWindow(first, "detectedAt", T.AddSeconds(-30).AddMinutes(-10), T.AddSeconds(30));
        Assert.Equal(5, _intake.EventCount);
    }

    [Fact]
    public async Task RunCycle_KeysBehindEveryWindow_PrunedFromTheCheckpoint()
    {
        var live = await StartedAsync();

        await live.RunCycleAsync(() => false, CancellationToken.None);

        var checkpoint = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "checkpoint.json")))!;
        Assert.Equal(5, checkpoint["forwardedTotal"]!.GetValue<long>());
        Assert.Equal(T.AddSeconds(-30).ToUnixTimeMilliseconds(), checkpoint["detectedWatermarkMs"]!.GetValue<long>());
        // Every alert is over an hour old: outside any window that can still return it.
        Assert.Empty(checkpoint["delivered"]!.AsArray());
    }

    private async Task<LiveDelivery> StartedAsync()
    {
        var live = _services.GetRequiredService<LiveDelivery>();
        await live.InitializeAsync(CancellationToken.None);
        return live;
    }

    private List<UamListArguments> ListCalls(string sortBy) =>
        _uam.Requests.Where(r => r.Kind == UamRequestKind.List && r.List!.SortBy == sortBy).Select(r => r.List!).ToList();

    private static void AssertWindow(UamListArguments call, string field, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.Equal(["Identity"], call.FilterOn("detectionProduct")!.Values);
        var range = call.FilterOn(field)!;
        Assert.Equal(from.ToUnixTimeMilliseconds(), range.Start);
        Assert.Equal(to.ToUnixTimeMilliseconds(), range.End);
        Assert.True(range.StartInclusive);
        Assert.False(range.EndInclusive);
        Assert.Equal("ASC", call.SortOrder);
    }
}
