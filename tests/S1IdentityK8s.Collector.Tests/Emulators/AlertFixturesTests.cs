using System.Globalization;
using System.Text;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class AlertFixturesTests
{
    private static readonly DateTimeOffset From = new(2024, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(2);

    [Fact]
    public void LoadSamples_RepositoryCopy_HasEveryRealAlert()
    {
        var samples = AlertFixtures.LoadSamples();

        Assert.Equal(12, samples.Count);
        Assert.All(samples, s => Assert.Equal("Identity", s["detectionSource"]!["product"]!.GetValue<string>()));
        Assert.Contains("alert_1_detailed.json", AlertFixtures.SampleNames);
        Assert.EndsWith(Path.Combine("tests", "fixtures", "sentinelone-identity"), FixturePaths.SampleAlertsDirectory, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameSeed_GivesSameAlertsAndOtherSeedDiffers()
    {
        var first = AlertFixtures.Generate(100, From, To, seed: 5);
        var again = AlertFixtures.Generate(100, From, To, seed: 5);
        var other = AlertFixtures.Generate(100, From, To, seed: 6);

        Assert.Equal(first.Select(a => a.ToJsonString()), again.Select(a => a.ToJsonString()));
        Assert.NotEqual(first.Select(a => a["id"]!.GetValue<string>()), other.Select(a => a["id"]!.GetValue<string>()));
    }

    [Fact]
    public void Generate_ManyAlerts_AreUniqueConsistentAndComplete()
    {
        var alerts = AlertFixtures.Generate(2000, From, To, seed: 11);

        Assert.Equal(2000, alerts.Select(a => a["id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(alerts, a => Assert.True(Guid.TryParse(a["id"]!.GetValue<string>(), out _)));
        var detected = alerts.Select(a => Ms(a["detectedAt"]!.GetValue<string>())).ToList();
        Assert.Equal(detected.Order(), detected);
        Assert.All(detected, d => Assert.InRange(d, From.ToUnixTimeMilliseconds(), To.ToUnixTimeMilliseconds() - 1));
        Assert.Contains(detected.GroupBy(d => d), g => g.Count() >= 5);
        foreach (var alert in alerts)
        {
            var (d, c, u) = (Ms(alert["detectedAt"]!.GetValue<string>()), Ms(alert["createdAt"]!.GetValue<string>()),
                Ms(alert["updatedAt"]!.GetValue<string>()));
            Assert.True(d <= c && c <= u && u < To.ToUnixTimeMilliseconds(), alert["id"]!.ToString());
            Assert.Equal(d.ToString(CultureInfo.InvariantCulture), alert["rawData"]!["time"]!.GetValue<string>());
            Assert.Equal(alert["id"]!.GetValue<string>(), alert["rawData"]!["finding_info"]!["internal_uid"]!.GetValue<string>());
            Assert.All(["analystVerdict", "analytics", "asset", "severity", "name"], key => Assert.NotNull(alert[key]));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", alert["detectedAt"]!.GetValue<string>());
        }
        Assert.Contains(alerts, a => a["updatedAt"]!.GetValue<string>() != a["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public void Oversize_Serialized_ExceedsTheIntakeEventLimit()
    {
        var alert = AlertFixtures.Oversize(From);

        Assert.True(Encoding.UTF8.GetByteCount(alert.ToJsonString()) > 250 * 1024);
        Assert.Equal(UamTimestamp.Format(From), alert["detectedAt"]!.GetValue<string>());
    }

    private static long Ms(string timestamp) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
