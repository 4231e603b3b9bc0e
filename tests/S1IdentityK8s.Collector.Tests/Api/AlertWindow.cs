using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>
/// Alerts inside a past window [From, To) plus a few just outside it on both sides, all within the live
/// collector's first lookback, so live collection delivers every one of them once before a backfill runs.
/// </summary>
public sealed class AlertWindow
{
    private AlertWindow(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<JsonObject> inside, IReadOnlyList<JsonObject> outside)
    {
        From = from;
        To = to;
        Inside = inside.Select(a => a["id"]!.GetValue<string>()).ToList();
        Outside = outside.Select(a => a["id"]!.GetValue<string>()).ToList();
        Alerts = [.. inside, .. outside];
    }

    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }
    public IReadOnlyList<string> Inside { get; }
    public IReadOnlyList<string> Outside { get; }
    public IReadOnlyList<JsonObject> Alerts { get; }
    public IEnumerable<string> All => Inside.Concat(Outside);

    /// <summary><paramref name="count"/> alerts in a window <paramref name="hoursAgo"/>..(hoursAgo − 0.5) hours back, 3 on each side.</summary>
    public static AlertWindow Create(int count, int seed, double hoursAgo = 2)
    {
        var now = DateTimeOffset.UtcNow;
        var from = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-hoursAgo);
        var to = from.AddMinutes(30);
        var inside = AlertFixtures.Generate(count, from, to, seed);
        var before = AlertFixtures.Generate(3, from.AddMinutes(-10), from, seed + 1);
        var after = AlertFixtures.Generate(3, to, to.AddMinutes(10), seed + 2);
        return new AlertWindow(from, to, inside, [.. before, .. after]);
    }

    /// <summary>A host whose UAM holds these alerts from the start, once live collection delivered every one of them.</summary>
    public async Task<ApiHost> StartDeliveredAsync(ApiHostSettings settings)
    {
        var host = await ApiHost.StartAsync(settings, Alerts);
        await host.Intake.WaitForAlertsAsync(All, ApiHost.Patience);
        return host;
    }

    /// <summary>Copies received per id of <paramref name="ids"/> (acknowledged ones).</summary>
    public static IReadOnlyDictionary<string, int> Counts(SekoiaIntakeEmulator intake, IEnumerable<string> ids)
    {
        var counts = intake.CountsById(acknowledgedOnly: true);
        return ids.ToDictionary(id => id, id => counts.GetValueOrDefault(id), StringComparer.Ordinal);
    }
}
