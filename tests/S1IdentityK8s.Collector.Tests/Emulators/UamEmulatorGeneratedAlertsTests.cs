using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>Benchmark backlogs: compactly stored generated alerts, and an emulator that keeps counts only.</summary>
public sealed class UamEmulatorGeneratedAlertsTests
{
    private const string AllFields =
        "id name description detectedAt createdAt updatedAt severity attackSurfaces detectionSource { product } status " +
        "assignee { fullName } classification confidenceLevel firstSeenAt lastSeenAt process { cmdLine file { path sha1 sha256 md5 } parentName } " +
        "result storylineId analystVerdict analytics { category } asset { agentUuid agentVersion category name osType osVersion type subcategory } rawData";

    [Fact]
    public async Task AddGeneratedAlerts_SameArguments_StoresWhatAlertFixturesGenerates()
    {
        await using var uam = await UamEmulator.StartAsync();
        var expected = AlertFixtures.Generate(300, Origin, Origin.AddHours(1), seed: 7);

        uam.AddGeneratedAlerts(300, Origin, Origin.AddHours(1), seed: 7);

        Assert.Equal(300, uam.AlertCount);
        Assert.All(expected, e => Assert.True(JsonNode.DeepEquals(e, uam.GetAlert(e["id"]!.GetValue<string>())), e["id"]!.ToString()));
    }

    [Fact]
    public async Task Queries_GeneratedAlerts_AnswerByteForByteAsStoredCopies()
    {
        await using var generated = await UamEmulator.StartAsync();
        await using var stored = await UamEmulator.StartAsync();
        generated.AddGeneratedAlerts(240, Origin, Origin.AddHours(1), seed: 3);
        stored.AddAlerts(AlertFixtures.Generate(240, Origin, Origin.AddHours(1), seed: 3));
        using var generatedClient = new UamTestClient(generated);
        using var storedClient = new UamTestClient(stored);
        var list = $"query {{ alerts(sort: {{by: \"updatedAt\", order: ASC}}, first: 1000) {{ totalCount edges {{ cursor node {{ {AllFields} }} }} }} }}";
        var ids = AlertFixtures.Generate(240, Origin, Origin.AddHours(1), seed: 3).Take(30).Select(a => a["id"]!.GetValue<string>()).ToList();
        var details = "query { " + string.Join(' ', ids.Select((id, i) => $"a{i}: alert(id: \"{id}\") {{ {AllFields} }}")) + " }";

        foreach (var query in new[] { list, details })
        {
            var (_, fromGenerated, _) = await generatedClient.PostAsync(query);
            var (_, fromStored, _) = await storedClient.PostAsync(query);
            Assert.Equal(fromStored!.ToJsonString(), fromGenerated!.ToJsonString());
        }
    }

    [Fact]
    public async Task AlertsQuery_PagingLargeGeneratedBacklog_VisitsEveryAlertOnceWithStableTotal()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { RecordRequests = false });
        uam.AddGeneratedAlerts(20_000, Origin, Origin.AddHours(1), seed: 1);
        using var client = new UamTestClient(uam);

        var seen = new HashSet<string>();
        var totals = new HashSet<int>();
        string? after = null;
        bool more;
        do
        {
            var alerts = (await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 3_600_000, 1000, after)))["alerts"]!;
            totals.Add(alerts["totalCount"]!.GetValue<int>());
            Assert.All(alerts["edges"]!.AsArray(), e => Assert.True(seen.Add(e!["node"]!["id"]!.GetValue<string>())));
            more = alerts["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = alerts["pageInfo"]!["endCursor"]?.GetValue<string>();
        }
        while (more);

        Assert.Equal(20_000, seen.Count);
        Assert.Equal([20_000], totals);
        Assert.Empty(uam.Requests);
        Assert.Equal(20, uam.RequestCount);
    }
}
