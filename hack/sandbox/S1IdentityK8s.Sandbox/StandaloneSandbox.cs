using System.Diagnostics;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Sandbox;

/// <summary>
/// `make run-collector`: the collector binary alone, no Kubernetes, against emulators (default) or a real
/// tenant and intake. The quickest way to see the pipeline.
/// </summary>
public static class StandaloneSandbox
{
    /// <summary>Runs until <paramref name="stopping"/> fires or the collector exits.</summary>
    public static async Task<int> RunAsync(SandboxSettings settings, CancellationToken stopping)
    {
        SandboxTenant? tenant = null;
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
            tenant = await SandboxTenant.StartAsync();
            yaml = settings.CollectorYaml(tenant.Uam.BaseAddress.ToString().TrimEnd('/'), $"  endpoint: {tenant.Intake.BaseAddress.ToString().TrimEnd('/')}", "5s", "1s");
            environment["S1_API_TOKEN"] = SandboxTenant.ApiToken;
            environment["SEKOIA_INTAKE_KEY"] = SandboxTenant.IntakeKey;
        }

        environment["S1_COLLECTOR_ADMIN_TOKEN"] = Environment.GetEnvironmentVariable("S1_COLLECTOR_ADMIN_TOKEN") ?? "sandbox-admin-token";
        var configPath = Path.Combine(settings.RunDirectory, "collector.yaml");
        await File.WriteAllTextAsync(configPath, yaml, stopping);

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
        using var feedStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var feeding = tenant?.RunAsync(feedStop.Token) ?? Task.CompletedTask;
        await Task.WhenAny(collector.WaitForExitAsync(CancellationToken.None), Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default));
        await feedStop.CancelAsync();
        if (!collector.HasExited)
        {
            collector.Kill(entireProcessTree: true);
            await collector.WaitForExitAsync(CancellationToken.None);
        }
        await feeding;
        if (tenant is not null)
        {
            await tenant.DisposeAsync();
        }

        return 0;
    }
}
