using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// A fresh pair of loopback emulators for one measured run, keeping counts only (no request or event
/// bodies), with a generated backlog detected an hour or more ago: inside the collector's first window
/// (<c>initialLookback</c> 24h, <c>settleDelay</c> 30s) and the reference pattern's (7 days).
/// </summary>
public sealed class BenchEmulators : IAsyncDisposable
{
    /// <summary>The API token the emulated UAM accepts.</summary>
    public const string ApiToken = "bench-uam-token";

    /// <summary>The intake key the emulated intake accepts.</summary>
    public const string IntakeKey = "bench-intake-key";

    private BenchEmulators(UamEmulator uam, SekoiaIntakeEmulator intake, DateTimeOffset now)
    {
        Uam = uam;
        Intake = intake;
        From = now.AddHours(-23);
        To = now.AddHours(-1);
    }

    /// <summary>The UAM emulator.</summary>
    public UamEmulator Uam { get; }

    /// <summary>The intake emulator.</summary>
    public SekoiaIntakeEmulator Intake { get; }

    /// <summary>Start of the backlog's detectedAt range.</summary>
    public DateTimeOffset From { get; }

    /// <summary>End of the backlog's detectedAt range.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Starts both emulators with <paramref name="alerts"/> generated alerts and <paramref name="latency"/> per UAM request.</summary>
    public static async Task<BenchEmulators> StartAsync(int alerts, TimeSpan latency, int seed = 1)
    {
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiToken, RecordRequests = false });
        var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = IntakeKey, RecordEvents = false, RecordVersions = false });
        var emulators = new BenchEmulators(uam, intake, DateTimeOffset.UtcNow);
        uam.AddGeneratedAlerts(alerts, emulators.From, emulators.To, seed);
        await emulators.WarmUpAsync();
        uam.Faults.Latency = latency;
        return emulators;
    }

    /// <summary>UAM requests answered before the run (the warm-up's); the run's first answer is the next one.</summary>
    public int RequestsBeforeRun { get; private set; }

    // The emulator sorts its alerts by each time field on the first query after a change: make those two
    // queries now, so a million-alert sort does not land in the measured run's first request.
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient();
        foreach (var field in new[] { "detectedAt", "updatedAt" })
        {
            var query = $$"""query { alerts(sort: {by: "{{field}}", order: ASC}, first: 1) { totalCount } }""";
            using var request = new HttpRequestMessage(HttpMethod.Post, Uam.GraphQLUri)
            {
                Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        RequestsBeforeRun = Uam.RequestCount;
    }

    public async ValueTask DisposeAsync()
    {
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
    }
}
