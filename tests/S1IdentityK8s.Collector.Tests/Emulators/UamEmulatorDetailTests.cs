using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorDetailTests
{
    private const string Detail =
        "analystVerdict analytics { category } asset { agentUuid name category } rawData";

    [Fact]
    public async Task AlertLookup_SeveralAliases_ReturnsEachKeyedByAlias()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlerts([Make("x", 1), Make("y", 2)]);
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync(
            $"query ($id0: ID!) {{ a0: alert(id: $id0) {{ id {Detail} }} a1: alert(id: \"y\") {{ id {Detail} }} a2: alert(id: \"gone\") {{ id }} }}",
            new JsonObject { ["id0"] = "x" });

        Assert.Equal(["a0", "a1", "a2"], data.Select(p => p.Key));
        Assert.Equal("x", data["a0"]!["id"]!.GetValue<string>());
        Assert.Equal("y", data["a1"]!["id"]!.GetValue<string>());
        Assert.Null(data["a2"]);
        var record = uam.Requests.Single();
        Assert.Equal((UamRequestKind.Detail, 3, 2), (record.Kind, record.DetailLookups, record.ReturnedAlerts));
        Assert.Equal(["x", "y", "gone"], record.DetailIds);
    }

    [Fact]
    public async Task AlertsQuery_SelectionSet_ReturnsOnlyRequestedFields()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlert(Make("x", 1));
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync(
            "{ alerts(first: 1) { edges { node { id detectionSource { product } externalId process { cmdLine } } } } }");

        var node = data["alerts"]!["edges"]![0]!["node"]!.AsObject();
        Assert.Equal(["id", "detectionSource", "externalId", "process"], node.Select(p => p.Key));
        Assert.Equal(["product"], node["detectionSource"]!.AsObject().Select(p => p.Key));
        Assert.Null(node["externalId"]);
        Assert.Null(node["process"]);
        Assert.Equal(["edges"], data["alerts"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task AlertLookup_RawDataWithoutSelection_ReturnsWholeObject()
    {
        await using var uam = await UamEmulator.StartAsync();
        var stored = Make("x", 1);
        uam.AddAlert(stored);
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync($"{{ a0: alert(id: \"x\") {{ {Detail} }} }}");

        Assert.True(JsonNode.DeepEquals(stored["rawData"], data["a0"]!["rawData"]));
        Assert.Equal(["agentUuid", "name", "category"], data["a0"]!["asset"]!.AsObject().Select(p => p.Key));
        Assert.Null(data["a0"]!["analytics"]);
    }

    [Fact]
    public async Task AlertLookup_MoreAliasesThanAllowed_ReturnsValidationError()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { MaxDetailLookupsPerDocument = 2 });
        uam.AddAlert(Make("x", 1));
        using var client = new UamTestClient(uam);
        var three = "{ a0: alert(id: \"x\") { id } a1: alert(id: \"x\") { id } a2: alert(id: \"x\") { id } }";

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", await client.ErrorCodeAsync(three));
        uam.MaxDetailLookupsPerDocument = null;
        var data = await client.DataAsync(three);

        Assert.Equal(3, data.Count);
        Assert.Equal([3, 3], uam.Requests.Select(r => r.DetailLookups));
    }

    [Fact]
    public async Task Query_ListAndDetailWithFragments_RecordedAsMixed()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlert(Make("x", 1));
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync("""
            query { alerts(first: 5) { edges { node { ...Core } } } a0: alert(id: "x") { ... on Alert { id severity } } }
            fragment Core on Alert { id name }
            """);

        Assert.Equal("DCSync Attack Detected", data["alerts"]!["edges"]![0]!["node"]!["name"]!.GetValue<string>());
        Assert.Equal("HIGH", data["a0"]!["severity"]!.GetValue<string>());
        Assert.Equal(UamRequestKind.Mixed, uam.Requests.Single().Kind);
    }
}
