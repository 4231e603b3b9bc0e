using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Reflection;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Registers and maps the gRPC surface: CollectorService behind the admin token, the standard health
/// service and server reflection (both open: kubelet probes and grpcurl send no credentials).
/// </summary>
public static class CollectorApi
{
    // What reflection describes, listed rather than discovered: grpc-dotnet's AddGrpcReflection finds the
    // mapped services' descriptors by reflection, which Native AOT trims away.
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor[] Described =
    [
        CollectorService.Descriptor,
        Health.Descriptor,
        Grpc.Reflection.V1.ServerReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    /// <summary>Adds gRPC and the API's services; needs <see cref="CollectorServices.AddCollector"/> and backfills.</summary>
    public static IServiceCollection AddCollectorApi(this IServiceCollection services)
    {
        services.AddGrpc().AddServiceOptions<CollectorGrpcService>(o => o.Interceptors.Add<AdminTokenInterceptor>());
        services.AddSingleton(new ReflectionV1ServiceImpl(Described));
        services.AddSingleton(new ReflectionServiceImpl(Described));
        services.AddSingleton<AdminTokenInterceptor>();
        services.AddSingleton<HealthServiceImpl>();
        services.AddSingleton(sp => new StatusAssembler(
            sp.GetRequiredService<Configuration.CollectorOptions>(), sp.GetRequiredService<CollectionStatus>(),
            SentinelOneHealth(sp), SekoiaHealth(sp), sp.GetRequiredService<RequestBudget>(),
            sp.GetRequiredService<BackfillRegistry>(), sp.GetRequiredService<Observability.CollectorMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new StatusWatch(
            sp.GetRequiredService<StatusAssembler>(), sp.GetRequiredService<CollectionStatus>(), SentinelOneHealth(sp), SekoiaHealth(sp),
            sp.GetRequiredService<BackfillRegistry>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BackfillApi>();
        services.AddSingleton<DeadLetterPager>();
        services.AddSingleton(sp => new HealthPublisher(
            sp.GetRequiredService<HealthServiceImpl>(), SentinelOneHealth(sp), SekoiaHealth(sp), sp,
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<HealthPublisher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<HealthPublisher>());
        return services;
    }

    /// <summary>Maps CollectorService, <c>grpc.health.v1.Health</c> and reflection (v1 and v1alpha, as grpcurl asks).</summary>
    public static IEndpointRouteBuilder MapCollectorApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CollectorGrpcService>();
        endpoints.MapGrpcService<HealthServiceImpl>();
        endpoints.MapGrpcService<ReflectionV1ServiceImpl>();
        endpoints.MapGrpcService<ReflectionServiceImpl>();
        return endpoints;
    }

    private static SubsystemHealth SentinelOneHealth(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<SubsystemHealth>(CollectorHttpClients.SentinelOne);

    private static SubsystemHealth SekoiaHealth(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<SubsystemHealth>(CollectorHttpClients.Sekoia);
}
