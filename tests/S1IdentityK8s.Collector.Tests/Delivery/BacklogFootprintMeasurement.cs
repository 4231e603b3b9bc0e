using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// Opt-in measurement (not a test of behaviour): drains a generated backlog of <c>S1K8S_MEASURE_BACKLOG</c>
/// alerts over 22 hours in process, with the default overlap, settle delay and collectUpdates, and prints
/// the dedup window and checkpoint sizes it committed and the process's peak RSS (emulators included).
/// <c>S1K8S_MEASURE_BACKLOG=100000 dotnet test ... --filter BacklogFootprintMeasurement</c>.
/// </summary>
public sealed class BacklogFootprintMeasurement(ITestOutputHelper output)
{
    [BacklogMeasurementFact]
    public async Task Drain_GeneratedBacklog_PrintsWindowAndCheckpointSizes()
    {
        var backlog = int.Parse(Environment.GetEnvironmentVariable(BacklogMeasurementFactAttribute.BacklogVariable)!, System.Globalization.CultureInfo.InvariantCulture);
        var state = Directory.CreateTempSubdirectory("s1k8s-measure-").FullName;
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t" });
        await using var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "k" });
        var now = DateTimeOffset.UtcNow;
        uam.AddAlerts(AlertFixtures.Generate(backlog, now.AddHours(-22), now.AddMinutes(-1), seed: 3));
        var yaml = $$"""
            sentinelOne: {hostname: "{{uam.Origin}}", pageSize: 1000, detailBatchSize: 100, requestsPerSecond: 100}
            sekoia: {endpoint: "{{intake.Origin}}"}
            stateDirectory: {{state}}
            """;
        var config = CollectorConfigLoader.Parse(yaml, new Dictionary<string, string?> { ["S1_API_TOKEN"] = "t", ["SEKOIA_INTAKE_KEY"] = "k" }, state);
        Assert.True(config.IsValid, string.Join("\n", config.Errors));
        var store = new SizeStore();
        var services = new ServiceCollection().AddLogging();
        services.AddCollector(config.Options, config.Secrets, store);
        await using var provider = services.BuildServiceProvider();
        var live = provider.GetRequiredService<LiveDelivery>();
        await live.InitializeAsync(CancellationToken.None);
        using var process = Process.GetCurrentProcess();
        var rssBefore = process.WorkingSet64;

        Assert.True(await live.RunCycleAsync(() => false, CancellationToken.None));

        process.Refresh();
        output.WriteLine($"backlog {backlog}: forwarded {intake.EventCount}, commits {store.Saves}, max keys {store.MaxKeys}, " +
            $"max checkpoint {store.MaxBytes} B, total checkpoint bytes {store.TotalBytes}, " +
            $"RSS before drain {rssBefore / 1048576} MB, peak RSS {process.PeakWorkingSet64 / 1048576} MB (emulators included)");
        Directory.Delete(state, recursive: true);
    }

    private sealed class SizeStore : ICheckpointStore
    {
        public int Saves { get; private set; }
        public int MaxKeys { get; private set; }
        public int MaxBytes { get; private set; }
        public long TotalBytes { get; private set; }

        public Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<Checkpoint?>(null);

        public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
        {
            var bytes = CheckpointSerializer.Serialize(checkpoint).Length;
            Saves++;
            MaxKeys = Math.Max(MaxKeys, checkpoint.Delivered.Count);
            MaxBytes = Math.Max(MaxBytes, bytes);
            TotalBytes += bytes;
            return Task.CompletedTask;
        }
    }
}
