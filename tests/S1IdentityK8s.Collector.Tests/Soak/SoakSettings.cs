using System.Globalization;
using System.Security.Cryptography;

namespace S1IdentityK8s.Collector.Tests.Soak;

/// <summary>
/// The chaos soak's size and seed. <c>make test</c> runs the short default; <c>make soak</c> sets
/// <c>S1K8S_SOAK_ALERTS=200000</c>. <c>S1K8S_SOAK_SEED</c> replays a run (every run prints its seed).
/// </summary>
internal sealed record SoakSettings(int Alerts, int Seed, int Kills, double FaultRatio, TimeSpan Deadline)
{
    public const string AlertsVariable = "S1K8S_SOAK_ALERTS";
    public const string SeedVariable = "S1K8S_SOAK_SEED";

    // About one SIGKILL every few seconds of drain at the collector's pace under faults.
    private const int AlertsPerKill = 4_000;

    public static SoakSettings FromEnvironment()
    {
        var alerts = Read(AlertsVariable) ?? 3_000;
        var seed = Read(SeedVariable) ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var kills = Math.Max(3, alerts / AlertsPerKill);
        // Generous: the short run drains in well under a minute on an idle machine, the long one in minutes.
        var deadline = TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(alerts / 100.0);
        return new SoakSettings(alerts, seed, kills, FaultRatio: 0.1, deadline);
    }

    private static int? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}
