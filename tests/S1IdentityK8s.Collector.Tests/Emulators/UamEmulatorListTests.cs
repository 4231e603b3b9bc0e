using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorListTests
{
    private static List<string> Ids(JsonObject data, string key = "alerts") =>
        data[key]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task AlertsQuery_DetectedAtRangeAndProduct_ReturnsOnlyMatchingAlerts()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlerts([
            Make("before", 999), Make("at-start", 1000), Make("inside", 2000), Make("edr", 2000, product: "EDR"),
            Make("lowercase", 2000, product: "identity"), Make("at-end", 3000),
        ]);
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync(UamTestClient.ListQuery(OriginMs + 1000, OriginMs + 3000, 100));

        Assert.Equal(["at-start", "inside"], Ids(data));
        Assert.Equal(2, data["alerts"]!["totalCount"]!.GetValue<int>());
        var filters = uam.Requests.Single().List!.Filters;
        Assert.Equal("Identity", filters[0].Values.Single());
        Assert.Equal((OriginMs + 1000, OriginMs + 3000), (filters[1].Start, filters[1].End));
    }

    [Fact]
    public async Task AlertsQuery_AscendingWithTies_OrdersByTimeThenId()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlerts([Make("d", 500), Make("b", 500), Make("late", 900), Make("c", 500), Make("first", 100), Make("a", 500)]);
        using var client = new UamTestClient(uam);

        var ascending = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 1000, 100));
        var descending = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 1000, 100, order: "DESC"));

        Assert.Equal(["first", "a", "b", "c", "d", "late"], Ids(ascending));
        Assert.Equal(["late", "d", "c", "b", "a", "first"], Ids(descending));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(70)]
    [InlineData(1000)]
    public async Task AlertsQuery_PagingWithFirstAndAfter_VisitsEveryAlertOnceAndEndsWithNullCursor(int pageSize)
    {
        await using var uam = await UamEmulator.StartAsync();
        var alerts = AlertFixtures.Generate(pageSize == 1 ? 40 : 700, Origin, Origin.AddHours(1), seed: 7);
        uam.AddAlerts(alerts);
        using var client = new UamTestClient(uam);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var data = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 3_600_000, pageSize, after));
            var page = data["alerts"]!;
            var edges = page["edges"]!.AsArray();
            seen.AddRange(Ids(data));
            pages++;
            var endCursor = page["pageInfo"]!["endCursor"]?.GetValue<string>();
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                Assert.Null(endCursor);
                break;
            }
            Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), endCursor);
            after = endCursor;
        }

        var expected = alerts.OrderBy(a => a["detectedAt"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(a => a["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(a => a["id"]!.GetValue<string>()).ToList();
        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + pageSize - 1) / pageSize, pages);
        Assert.Equal(pages, uam.Requests.Count(r => r.Kind == UamRequestKind.List));
    }

    [Fact]
    public async Task AlertsQuery_InclusiveCursors_NextPageRepeatsThePreviousLastAndItsTies()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { InclusiveCursors = true });
        uam.AddAlerts([Make("a", 100), Make("b", 200), Make("c", 300), Make("d", 300), Make("e", 400)]);
        using var client = new UamTestClient(uam);

        var first = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 1000, 4));
        var after = first["alerts"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 1000, 4, after));

        Assert.Equal(["a", "b", "c", "d"], Ids(first));
        Assert.Equal(["c", "d", "e"], Ids(second));
        Assert.Equal(2, uam.RepeatedEdgeCount);
    }

    [Fact]
    public async Task AlertsQuery_Variables_GiveSameResultAsInlineLiterals()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlerts(AlertFixtures.Generate(50, Origin, Origin.AddMinutes(10), seed: 3));
        using var client = new UamTestClient(uam);
        const string query = """
            query Page($filters: [FilterInput!], $first: Int, $after: String, $order: SortOrder = ASC) {
              alerts(filters: $filters, sort: {by: "detectedAt", order: $order}, first: $first, after: $after) {
                totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id } }
              }
            }
            """;
        var variables = new JsonObject
        {
            ["filters"] = new JsonArray(
                new JsonObject { ["fieldId"] = "detectionProduct", ["stringEqual"] = new JsonObject { ["value"] = "Identity" } },
                new JsonObject
                {
                    ["fieldId"] = "detectedAt",
                    ["dateTimeRange"] = new JsonObject
                    {
                        ["start"] = OriginMs,
                        ["startInclusive"] = true,
                        ["end"] = OriginMs + 300_000,
                        ["endInclusive"] = false,
                    },
                }),
            ["first"] = 10,
            ["after"] = null,
        };

        var viaVariables = await client.DataAsync(query, variables);
        var inline = await client.DataAsync(UamTestClient.ListQuery(OriginMs, OriginMs + 300_000, 10));

        Assert.Equal(Ids(inline), Ids(viaVariables));
        Assert.Equal(10, uam.Requests[0].List!.First);
    }

    [Fact]
    public async Task AlertsQuery_FirstAbsent_UsesDefaultPageSize()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { DefaultPageSize = 100 });
        uam.AddAlerts(AlertFixtures.Generate(150, Origin, Origin.AddMinutes(10), seed: 1));
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync(
            "{ alerts(sort: {by: \"detectedAt\", order: ASC}) { totalCount pageInfo { hasNextPage } edges { node { id } } } }");

        Assert.Equal(100, data["alerts"]!["edges"]!.AsArray().Count);
        Assert.Equal(150, data["alerts"]!["totalCount"]!.GetValue<int>());
        Assert.True(data["alerts"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Null(uam.Requests.Single().List!.First);
    }

    [Fact]
    public async Task AlertsQuery_NegatedFilter_ExcludesWhatItMatches()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlerts([Make("identity", 10), Make("edr", 20, product: "EDR")]);
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync("""
            { alerts(filters: [{fieldId: "detectionProduct", stringIn: {values: ["Identity"]}, isNegated: true}],
                     sort: {by: "detectedAt", order: ASC}, first: 10) { edges { node { id } } } }
            """);

        Assert.Equal(["edr"], Ids(data));
    }
}
