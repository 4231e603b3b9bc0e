using System.Text.RegularExpressions;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Processes;
using BackfillPhase = S1IdentityK8s.Protos.Collector.V1.BackfillPhase;

namespace S1IdentityK8s.Collector.Tests.Backfill;

/// <summary>A backfill interrupted by a restart resumes from its persisted cursor and loses nothing.</summary>
public sealed partial class BackfillRestartTests
{
    private const int PageSize = 10;
    private static readonly TimeSpan SlowIntake = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Backfill_HostStoppedMidWindow_ResumesFromCursorWithoutLossOrDuplicates()
    {
        var window = AlertWindow.Create(145, seed: 51);
        await using var host = await window.StartDeliveredAsync(new ApiHostSettings { PageSize = PageSize });
        host.Intake.Faults.Latency = SlowIntake;
        await host.Client.StartBackfillAsync(BackfillDeliveryTests.Request("survivor", window), ApiHost.Auth);
        using (var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "survivor" }, ApiHost.Auth))
        {
            await watch.ResponseStream.ReadUntilAsync(b => b.Pages >= 3, ApiHost.Patience);
        }

        await host.StopCollectorAsync();
        var persisted = new BackfillStore(host.StateDirectory).LoadAll().Records.Single(r => r.Name == "survivor");
        host.Intake.Faults.Latency = TimeSpan.Zero;
        await host.StartCollectorAsync();
        using var resumed = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "survivor" }, ApiHost.Auth);
        var done = (await resumed.ResponseStream.ReadToEndAsync(ApiHost.Patience))[^1];

        Assert.Equal(Collector.Backfill.BackfillPhase.Running, persisted.Phase);
        Assert.NotNull(persisted.CursorMs);
        Assert.InRange(persisted.Progress, 0.01, 0.99);
        Assert.Equal((BackfillPhase.Succeeded, 145L, 1.0), (done.Phase, done.AlertsSent, done.Progress));
        // A graceful stop finishes the in-flight page and the cursor keeps the ids at its instant: exactly once.
        Assert.All(AlertWindow.Counts(host.Intake, window.Inside), c => Assert.Equal(2, c.Value));
        Assert.All(AlertWindow.Counts(host.Intake, window.Outside), c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task Backfill_ProcessKilledMidWindow_ResumesAfterRestartWithoutLoss()
    {
        var window = AlertWindow.Create(145, seed: 53);
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiHost.ApiToken });
        await using var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = ApiHost.IntakeKey });
        uam.AddAlerts(window.Alerts);
        var root = Directory.CreateTempSubdirectory("s1k8s-kill-").FullName;
        try
        {
            var config = Path.Combine(root, "collector.yaml");
            await File.WriteAllTextAsync(config, new ApiHostSettings { PageSize = PageSize, LogLevel = "Information" }
                .ToYaml(uam.BaseAddress, intake.BaseAddress, Path.Combine(root, "state")));
            await using (var first = await StartProcessAsync(config))
            {
                await intake.WaitForAlertsAsync(window.All, ApiHost.Patience);
                intake.Faults.Latency = SlowIntake;
                await first.Client.StartBackfillAsync(BackfillDeliveryTests.Request("crash-proof", window), ApiHost.Auth);
                using var watch = first.Client.WatchBackfill(new WatchBackfillRequest { Name = "crash-proof" }, ApiHost.Auth);
                await watch.ResponseStream.ReadUntilAsync(b => b.Pages >= 3, ApiHost.Patience);
                await first.Process.KillAsync();
            }
            intake.Faults.Latency = TimeSpan.Zero;
            await using var second = await StartProcessAsync(config);
            using var resumed = second.Client.WatchBackfill(new WatchBackfillRequest { Name = "crash-proof" }, ApiHost.Auth);
            var done = (await resumed.ResponseStream.ReadToEndAsync(ApiHost.Patience))[^1];

            Assert.Equal(BackfillPhase.Succeeded, done.Phase);
            // At-least-once: at most the chunks in flight at the kill (a page each here) are sent a second time.
            var counts = AlertWindow.Counts(intake, window.Inside);
            Assert.All(counts, c => Assert.InRange(c.Value, 2, 3));
            Assert.InRange(counts.Values.Count(c => c == 3), 0, DeliveryPipeline.ChunksInFlight * PageSize);
            Assert.All(AlertWindow.Counts(intake, window.Outside), c => Assert.Equal(1, c.Value));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<RunningProcess> StartProcessAsync(string config)
    {
        var process = new CollectorProcess(config, new Dictionary<string, string?>
        {
            [CollectorSecrets.ApiTokenVariable] = ApiHost.ApiToken,
            [CollectorSecrets.IntakeKeyVariable] = ApiHost.IntakeKey,
            [CollectorSecrets.AdminTokenVariable] = ApiHost.AdminToken,
        });
        var listening = await process.WaitForOutputAsync(l => l.Contains("Collector listening on", StringComparison.Ordinal), ApiHost.Patience);
        var channel = GrpcChannel.ForAddress(await ApiHost.GrpcAddressAsync(Address().Matches(listening.Text).Select(m => m.Value).ToList()));
        return new RunningProcess(process, channel);
    }

    [GeneratedRegex(@"http://[0-9.]+:\d+")]
    private static partial Regex Address();

    private sealed class RunningProcess(CollectorProcess process, GrpcChannel channel) : IAsyncDisposable
    {
        public CollectorProcess Process { get; } = process;

        public CollectorService.CollectorServiceClient Client { get; } = new(channel.Intercept(new EvidenceInterceptor()));

        public async ValueTask DisposeAsync()
        {
            channel.Dispose();
            await Process.DisposeAsync();
        }
    }
}
