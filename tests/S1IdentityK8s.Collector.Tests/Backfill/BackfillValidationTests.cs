using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Tests.Backfill;

/// <summary>StartBackfill validation and the name as idempotency key, over gRPC against one quiet host.</summary>
public sealed class BackfillValidationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly DateTimeOffset Past = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, int?, int?, string> InvalidRequests => new()
    {
        // case, name, from (hours after Past; null = unset), to (hours after Past; null = unset; 10^6 = the future), expected message start
        { "empty name", "", 0, 1, "name: required" },
        { "upper-case name", "Incident-42", 0, 1, "name: must match" },
        { "underscore in name", "incident_42", 0, 1, "name: must match" },
        { "name ending in a dash", "incident-", 0, 1, "name: must match" },
        { "name too long", new string('a', 64), 0, 1, "name: at most 63" },
        { "missing from", "ok", null, 1, "from: required" },
        { "missing to", "ok", 0, null, "to: required" },
        { "from equals to", "ok", 1, 1, "to: must be after from" },
        { "from after to", "ok", 2, 1, "to: must be after from" },
        { "to in the future", "ok", 0, 1_000_000, "to: must not be in the future" },
        { "span over 31 days", "ok", 0, 24 * 32, "to: the window spans 768h" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task StartBackfill_InvalidRequest_InvalidArgumentNamingField(string @case, string name, int? fromHours, int? toHours, string message)
    {
        var request = new StartBackfillRequest { Name = name, From = At(fromHours), To = At(toHours) };

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Host.Client.StartBackfillAsync(request, ApiHost.Auth).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{@case}: {error.Status}");
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBackfill_SameNameSameWindow_ReturnsTheExistingBackfill()
    {
        var request = new StartBackfillRequest { Name = "idempotent", From = At(0), To = At(1), DryRun = true };

        var first = await fixture.Host.Client.StartBackfillAsync(request, ApiHost.Auth);
        var again = await fixture.Host.Client.StartBackfillAsync(request, ApiHost.Auth);
        var all = await fixture.Host.Client.ListBackfillsAsync(new ListBackfillsRequest(), ApiHost.Auth);

        Assert.Equal(first.CreateTime, again.CreateTime);
        Assert.Equal(("api", true), (again.Source, again.DryRun));
        Assert.Single(all.Backfills, b => b.Name == "idempotent");
    }

    [Theory]
    [InlineData(0, 2, true)]
    [InlineData(0, 1, false)]
    public async Task StartBackfill_SameNameOtherWindowOrMode_AlreadyExists(int fromHours, int toHours, bool dryRun)
    {
        var name = $"taken-{fromHours}-{toHours}-{dryRun}".ToLowerInvariant();
        await fixture.Host.Client.StartBackfillAsync(new StartBackfillRequest { Name = name, From = At(0), To = At(1), DryRun = true }, ApiHost.Auth);

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Host.Client.StartBackfillAsync(
            new StartBackfillRequest { Name = name, From = At(fromHours), To = At(toHours), DryRun = dryRun }, ApiHost.Auth).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains($"\"{name}\" already exists", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownName_GetCancelWatch_NotFound()
    {
        var client = fixture.Host.Client;
        using var watch = client.WatchBackfill(new WatchBackfillRequest { Name = "never-started" }, ApiHost.Auth);

        var errors = new[]
        {
            await Assert.ThrowsAsync<RpcException>(() => client.GetBackfillAsync(new GetBackfillRequest { Name = "never-started" }, ApiHost.Auth).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => client.CancelBackfillAsync(new CancelBackfillRequest { Name = "never-started" }, ApiHost.Auth).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None)),
        };

        Assert.All(errors, e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
    }

    [Fact]
    public async Task ListBackfills_PhaseFilter_ReturnsOnlyThosePhases()
    {
        var client = fixture.Host.Client;
        await client.StartBackfillAsync(new StartBackfillRequest { Name = "filtered", From = At(0), To = At(1), DryRun = true }, ApiHost.Auth);
        using var watch = client.WatchBackfill(new WatchBackfillRequest { Name = "filtered" }, ApiHost.Auth);
        var final = (await watch.ResponseStream.ReadToEndAsync(ApiHost.Patience))[^1];

        var succeeded = await client.ListBackfillsAsync(new ListBackfillsRequest { Phases = { BackfillPhase.Succeeded } }, ApiHost.Auth);
        var failed = await client.ListBackfillsAsync(new ListBackfillsRequest { Phases = { BackfillPhase.Failed, BackfillPhase.Cancelled } }, ApiHost.Auth);

        Assert.Equal(BackfillPhase.Succeeded, final.Phase);
        Assert.Contains(succeeded.Backfills, b => b.Name == "filtered");
        Assert.All(succeeded.Backfills, b => Assert.Equal(BackfillPhase.Succeeded, b.Phase));
        Assert.DoesNotContain(failed.Backfills, b => b.Name == "filtered");
    }

    private static Timestamp? At(int? hours) => hours switch
    {
        null => null,
        1_000_000 => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        { } h => Timestamp.FromDateTimeOffset(Past.AddHours(h)),
    };
}
