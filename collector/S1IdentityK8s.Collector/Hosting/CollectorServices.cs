using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.Collector.Tls;

namespace S1IdentityK8s.Collector.Hosting;

/// <summary>Registers the collection pipeline for validated options and secrets.</summary>
public static class CollectorServices
{
    /// <summary>Adds every collector service; <paramref name="checkpointStore"/> overrides the file store.</summary>
    public static IServiceCollection AddCollector(
        this IServiceCollection services, CollectorOptions options, CollectorSecrets secrets, ICheckpointStore? checkpointStore = null)
    {
        services.AddSingleton(options);
        services.AddSingleton(secrets);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new FatalExit(sp.GetRequiredService<IHostApplicationLifetime>()));
        services.AddSingleton(new CollectorMetrics(options.Intake.Namespace, options.Intake.Name));
        services.AddKeyedSingleton(CollectorHttpClients.SentinelOne, (sp, _) => new SubsystemHealth("sentinelone", sp.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(CollectorHttpClients.Sekoia, (sp, _) => new SubsystemHealth("sekoia", sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RequestBudget(options.SentinelOne.RequestsPerSecond, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IntakeHoldOff(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new ServerCertificateTrust(options.Tls.CaCertificates));
        services.AddCollectorHttpClients(options.SentinelOne.RequestTimeout, options.Sekoia.RequestTimeout, options.Sekoia.Retry);

        services.AddSingleton(sp => new UamClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CollectorHttpClients.SentinelOne),
            new UamClientSettings(UamClientSettings.GraphQlUriFor(options.SentinelOne.BaseUri), () => secrets.ApiToken.Reveal()),
            sp.GetRequiredKeyedService<SubsystemHealth>(CollectorHttpClients.SentinelOne),
            sp.GetRequiredService<CollectorMetrics>(),
            new UamRetryPolicy(options.SentinelOne.Retry, sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<ILogger<UamClient>>()));
        services.AddSingleton(sp => new AlertPager(sp.GetRequiredService<UamClient>(), options.SentinelOne.PageSize));
        services.AddSingleton(sp => new AlertDetailFetcher(sp.GetRequiredService<UamClient>(), options.SentinelOne.DetailBatchSize,
            options.SentinelOne.DetailConcurrency, sp.GetRequiredService<ILogger<AlertDetailFetcher>>()));

        services.AddSingleton(sp => new IntakeClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CollectorHttpClients.Sekoia),
            new IntakeClientSettings(IntakeClientSettings.BatchUriFor(options.Sekoia.EndpointUri), () => secrets.IntakeKey.Reveal()),
            sp.GetRequiredKeyedService<SubsystemHealth>(CollectorHttpClients.Sekoia),
            sp.GetRequiredService<CollectorMetrics>()));
        services.AddSingleton(sp => new DeadLetterStore(options.DeadLetters, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CollectorMetrics>(), sp.GetRequiredService<ILogger<DeadLetterStore>>()));
        services.AddSingleton(new IntakeSinkOptions
        {
            MaxBatchEvents = options.Sekoia.MaxBatchEvents,
            RefusedRetryDelay = options.Sekoia.RefusedRetryDelay,
            MaxRefusedRetryDelay = options.Sekoia.MaxRefusedRetryDelay,
        });
        services.AddSingleton(sp => new IntakeSink(
            sp.GetRequiredService<IntakeClient>(), sp.GetRequiredService<DeadLetterStore>(), sp.GetRequiredService<CollectorMetrics>(),
            sp.GetRequiredKeyedService<SubsystemHealth>(CollectorHttpClients.Sekoia), sp.GetRequiredService<IntakeSinkOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IntakeSink>>()));
        services.AddSingleton<PagePlanner>();
        services.AddSingleton<PageFeed>();
        services.AddSingleton<ChunkSender>();
        services.AddSingleton<DeliveryPipeline>();

        if (checkpointStore is not null)
        {
            services.AddSingleton(checkpointStore);
        }
        else if (options.Kubernetes is null)
        {
            services.AddSingleton<ICheckpointStore>(new FileCheckpointStore(options.StateDirectory));
        }
        services.AddClusterMode(options.Kubernetes);
        services.AddSingleton(options.Collection);
        services.AddSingleton<CollectionStatus>();
        services.AddSingleton(new CollectorControl(options.Suspend));
        services.AddSingleton<LiveDelivery>();
        services.AddHostedService<LiveCollector>();
        services.AddBackfills(options);
        return services;
    }
}
