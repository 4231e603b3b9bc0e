using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// In a cluster (config <c>kubernetes</c> present): the ConfigMap checkpoint store and the single-writer
/// Lease. Standalone: an open <see cref="WriterGate"/> and nothing else.
/// </summary>
public static class KubernetesServices
{
    /// <summary>Registers the writer gate, and in a cluster the client, the Lease and the ConfigMap store.</summary>
    public static IServiceCollection AddClusterMode(this IServiceCollection services, KubernetesOptions? options)
    {
        if (options is null)
        {
            services.AddSingleton(new WriterGate(open: true));
            return services;
        }
        services.AddSingleton(options);
        services.AddSingleton(new WriterGate(open: false));
        services.AddSingleton(_ => new KubeApiClient(options.Kubeconfig is { } path
            ? KubeconfigReader.Read(path)
            : ClusterConnection.InCluster()));
        services.AddSingleton<ICheckpointStore>(sp => new ConfigMapCheckpointStore(sp.GetRequiredService<KubeApiClient>(), options,
            sp.GetRequiredService<CollectorMetrics>(), sp.GetRequiredService<ILogger<ConfigMapCheckpointStore>>()));
        services.AddSingleton<WriterLease>();
        services.AddHostedService(sp => sp.GetRequiredService<WriterLease>());
        return services;
    }
}
