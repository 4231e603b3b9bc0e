using System.Diagnostics;
using System.Runtime.InteropServices;
using S1IdentityK8s.Sandbox;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Processes;

// `make run`: the real collector, against emulators (default) or a real tenant and intake.
var runDirectory = Path.GetFullPath(args.Length > 0 ? args[0] : ".run");
Directory.CreateDirectory(runDirectory);
var settings = SandboxSettings.FromEnvironment(runDirectory);
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
// `make stop` sends SIGTERM: cancel it and shut down in order, so no collector is left behind.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

UamEmulator? uam = null;
SekoiaIntakeEmulator? intake = null;
string yaml;
var environment = new Dictionary<string, string?>();
if (settings.IsReal)
{
    var sekoia = settings.Endpoint is { Length: > 0 } endpoint ? $"  endpoint: {endpoint}" : $"  region: {settings.Region ?? "FRA1"}";
    yaml = settings.CollectorYaml(settings.Hostname!, sekoia, "60s", "30s");
    Console.WriteLine($"Collecting from {settings.Hostname} into Sekoia ({settings.Endpoint ?? settings.Region ?? "FRA1"}).");
}
else
{
    uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "sandbox-s1-token" });
    intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = "sandbox-intake-key" });
    var now = DateTimeOffset.UtcNow;
    uam.AddAlerts(AlertFixtures.Generate(200, now.AddHours(-6), now.AddMinutes(-1), seed: 42));
    yaml = settings.CollectorYaml(uam.BaseAddress.ToString().TrimEnd('/'), $"  endpoint: {intake.BaseAddress.ToString().TrimEnd('/')}", "5s", "1s");
    environment["S1_API_TOKEN"] = "sandbox-s1-token";
    environment["SEKOIA_INTAKE_KEY"] = "sandbox-intake-key";
    Console.WriteLine($"Sandbox: emulated SentinelOne UAM at {uam.BaseAddress}, emulated Sekoia intake at {intake.BaseAddress}");
    Console.WriteLine("200 alerts from the last 6 hours, then a new one every 3 seconds.");
}
environment["S1_COLLECTOR_ADMIN_TOKEN"] = Environment.GetEnvironmentVariable("S1_COLLECTOR_ADMIN_TOKEN") ?? "sandbox-admin-token";
var configPath = Path.Combine(runDirectory, "collector.yaml");
await File.WriteAllTextAsync(configPath, yaml);
await File.WriteAllTextAsync(Path.Combine(runDirectory, "sandbox.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

Console.WriteLine($"""
    Collector config: {configPath}
    Metrics:  curl -s http://127.0.0.1:18080/metrics | grep ^s1identity
    gRPC:     grpcurl -plaintext 127.0.0.1:15051 grpc.health.v1.Health/Check
              grpcurl -plaintext -H 'authorization: Bearer {environment["S1_COLLECTOR_ADMIN_TOKEN"]}' 127.0.0.1:15051 s1identity.collector.v1.CollectorService/GetStatus
    Stop:     Ctrl-C or `make stop`
    """);

var collectorInfo = new ProcessStartInfo(CollectorBinary.DotnetHost) { UseShellExecute = false };
collectorInfo.ArgumentList.Add(CollectorBinary.FindDll());
collectorInfo.ArgumentList.Add("--config");
collectorInfo.ArgumentList.Add(configPath);
foreach (var (key, value) in environment)
{
    collectorInfo.Environment[key] = value;
}
using var collector = Process.Start(collectorInfo)!;
var feed = uam is null ? Task.CompletedTask : new AlertFeed(uam).RunAsync(TimeSpan.FromSeconds(3), stopping.Token);
var report = intake is null ? Task.CompletedTask : ReportAsync(intake, stopping.Token);
await Task.WhenAny(collector.WaitForExitAsync(), Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
await stopping.CancelAsync();
if (!collector.HasExited)
{
    collector.Kill(entireProcessTree: true);
    await collector.WaitForExitAsync();
}
await Task.WhenAll(feed, report);
if (uam is not null)
{
    await uam.DisposeAsync();
}
if (intake is not null)
{
    await intake.DisposeAsync();
}
File.Delete(Path.Combine(runDirectory, "sandbox.pid"));
return 0;

static async Task ReportAsync(SekoiaIntakeEmulator intake, CancellationToken stopping)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
    try
    {
        while (await timer.WaitForNextTickAsync(stopping))
        {
            Console.WriteLine($"[sandbox] Sekoia intake emulator has received {intake.EventCount} alerts ({intake.CountsById().Count} distinct)");
        }
    }
    catch (OperationCanceledException)
    {
        // Ctrl-C.
    }
}
