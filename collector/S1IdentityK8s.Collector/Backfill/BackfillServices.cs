using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>Registers backfills: the persisted registry, the one-at-a-time runner and the config's declarations.</summary>
public static class BackfillServices
{
    /// <summary>Adds the backfill services; they need the collection pipeline of <see cref="CollectorServices"/>.</summary>
    public static IServiceCollection AddBackfills(this IServiceCollection services, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kubernetes is { } cluster)
        {
            services.AddSingleton<IBackfillStore>(sp => new ConfigMapBackfillStore(
                sp.GetRequiredService<KubeApiClient>(), cluster, sp.GetRequiredService<WriterGate>()));
        }
        else
        {
            services.AddSingleton<IBackfillStore>(new BackfillStore(options.StateDirectory));
        }
        services.AddSingleton<BackfillRegistry>();
        services.AddSingleton<BackfillExecution>();
        services.AddHostedService<BackfillRunner>();
        services.AddSingleton(sp => new DeclaredBackfills(
            sp.GetRequiredService<BackfillRegistry>(), options, sp.GetService<ConfigReloader>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DeclaredBackfills>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DeclaredBackfills>());
        return services;
    }
}
