using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using S1IdentityK8s.Collector.Api;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Hosting;

/// <summary>
/// Builds the collector's web host: Kestrel with HTTP/1.1 on <c>http.port</c> (<c>/metrics</c>) and h2c on
/// <c>grpc.port</c>, logging as configured, and the collection pipeline.
/// </summary>
public static class CollectorApp
{
    /// <summary>
    /// Builds the host for validated <paramref name="options"/> and <paramref name="secrets"/>; with
    /// <paramref name="configPath"/>, changes to that file are applied while running.
    /// </summary>
    public static WebApplication Build(CollectorOptions options, CollectorSecrets secrets, string? configPath = null, string[]? args = null)
    {
        // Settings come from the YAML file alone, so the host's optional appsettings.json must not be watched:
        // that watch is recursive from the working directory, walked at start and woken by every write below it.
        var builder = WebApplication.CreateSlimBuilder([.. args ?? [], "--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ConfigureCollectorLogging(options.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = options.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.ListenAddress);
            kestrel.Listen(address, options.Http.Port, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(address, options.Grpc.Port, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = LiveCollector.ShutdownGrace + TimeSpan.FromSeconds(5));
        builder.Services.AddCollector(options, secrets);
        builder.Services.AddCollectorApi();
        if (configPath is not null)
        {
            builder.Services.AddSingleton(sp => new ConfigReloader(Path.GetFullPath(configPath), sp.GetRequiredService<CollectorControl>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConfigReloader>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        }

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<CollectorMetrics>();
        var status = app.Services.GetRequiredService<CollectionStatus>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        metrics.Registry.AddBeforeCollectCallback(() => RefreshGauges(metrics, status.Current, time.GetUtcNow()));
        app.MapMetrics("/metrics", metrics.Registry);
        app.MapCollectorApi();
        app.Lifetime.ApplicationStarted.Register(() => LogEndpoints(app));
        // Every hosted service has started (and set its ExecuteTask) by now.
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Services.GetRequiredService<FatalExit>().Watch(app.Services.GetServices<IHostedService>()));
        if (options.Tls.CaFile is { } caFile)
        {
            app.Logger.LogInformation("Outbound HTTPS trusts the system CAs and {Count} certificates of {CaFile}", options.Tls.CaCertificates.Count, caFile);
        }
        return app;
    }

    private static void RefreshGauges(CollectorMetrics metrics, CollectionStatus.Snapshot status, DateTimeOffset now)
    {
        if (status.DetectedWatermarkMs is { } watermark)
        {
            metrics.LagSeconds.Set(Math.Max(0, (now - DateTimeOffset.FromUnixTimeMilliseconds(watermark)).TotalSeconds));
        }
        if (status.CommittedAt is { } committed)
        {
            metrics.CheckpointAgeSeconds.Set(Math.Max(0, (now - committed).TotalSeconds));
        }
    }

    // Ports may be 0 (any free port): say which ones we got, for people and for tests.
    private static void LogEndpoints(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        app.Logger.LogInformation("Collector listening on {Addresses} (metrics at /metrics on the HTTP/1.1 port)", string.Join(", ", addresses));
    }
}
