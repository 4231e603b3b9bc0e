using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.TestSupport.Emulators;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorAlertStateTests
{
    private static string Window(long fromMs, long toMs, string field = "detectedAt") =>
        UamTestClient.ListQuery(fromMs, toMs, 100, field: field);

    private static List<string> Ids(System.Text.Json.Nodes.JsonObject data) =>
        data["alerts"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task AddAlert_VisibleFromLater_HiddenUntilThatInstant()
    {
        var clock = new FakeTimeProvider(Origin.AddMinutes(5));
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { TimeProvider = clock });
        uam.AddAlert(Make("on-time", 1000));
        uam.AddAlert(Make("late", 2000), visibleFrom: Origin.AddMinutes(10));
        using var client = new UamTestClient(uam);

        var before = Ids(await client.DataAsync(Window(OriginMs, OriginMs + 60_000)));
        var detailBefore = await client.DataAsync("{ a0: alert(id: \"late\") { id } }");
        clock.SetUtcNow(Origin.AddMinutes(10));
        var after = Ids(await client.DataAsync(Window(OriginMs, OriginMs + 60_000)));

        Assert.Equal(["on-time"], before);
        Assert.Null(detailBefore["a0"]);
        Assert.Equal(["on-time", "late"], after);
    }

    [Fact]
    public async Task UpdateAlert_Mutation_BumpsUpdatedAtToNowAndMovesItInUpdatedAtOrder()
    {
        var clock = new FakeTimeProvider(Origin.AddHours(1));
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { TimeProvider = clock });
        uam.AddAlerts([Make("a", 1000), Make("b", 2000)]);
        using var client = new UamTestClient(uam);

        var updated = uam.UpdateAlert("a", alert => alert["status"] = "RESOLVED");
        var byUpdate = Ids(await client.DataAsync(Window(OriginMs, OriginMs + 7_200_000, "updatedAt")));
        var inLaterWindow = Ids(await client.DataAsync(Window(OriginMs + 3_600_000, OriginMs + 7_200_000, "updatedAt")));

        Assert.Equal(UamTimestamp.Format(clock.GetUtcNow()), updated["updatedAt"]!.GetValue<string>());
        Assert.Equal("RESOLVED", uam.GetAlert("a")!["status"]!.GetValue<string>());
        Assert.Equal(UamTimestamp.Format(OriginMs + 1000), updated["detectedAt"]!.GetValue<string>());
        Assert.Equal(["b", "a"], byUpdate);
        Assert.Equal(["a"], inLaterWindow);
    }

    [Fact]
    public async Task UpdateAlert_TwiceInOneMillisecond_StillAdvancesUpdatedAt()
    {
        var clock = new FakeTimeProvider(Origin.AddHours(1));
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { TimeProvider = clock });
        uam.AddAlert(Make("a", 1000));

        var first = uam.UpdateAlert("a", a => a["status"] = "IN_PROGRESS")["updatedAt"]!.GetValue<string>();
        var second = uam.UpdateAlert("a", a => a["status"] = "RESOLVED")["updatedAt"]!.GetValue<string>();

        Assert.Equal(UamTimestamp.Format(clock.GetUtcNow().AddMilliseconds(1)), second);
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.Throws<KeyNotFoundException>(() => uam.UpdateAlert("missing", _ => { }));
    }

    [Fact]
    public async Task AddAlert_WithoutDetectedAt_Throws()
    {
        await using var uam = await UamEmulator.StartAsync();

        Assert.Throws<ArgumentException>(() => uam.AddAlert(new System.Text.Json.Nodes.JsonObject { ["id"] = "x" }));
    }

    [Fact]
    public async Task WaitForRequestsAsync_RequestArrivesLater_CompletesOnArrival()
    {
        await using var uam = await UamEmulator.StartAsync();
        using var client = new UamTestClient(uam);

        var waiting = uam.WaitForRequestsAsync(r => r.Any(x => x.Kind == UamRequestKind.List), TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);
        await client.PostAsync("{ alerts { totalCount } }");
        await waiting;

        await Assert.ThrowsAsync<TimeoutException>(() => uam.WaitForRequestsAsync(2, TimeSpan.FromMilliseconds(100)));
    }
}
