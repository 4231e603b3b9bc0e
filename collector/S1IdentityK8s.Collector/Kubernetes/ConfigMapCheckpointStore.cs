using System.Text;
using k8s;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The checkpoint in a ConfigMap (key <c>checkpoint.json</c>), for collectors running in a cluster, where
/// the pod's disk does not outlive the pod. Written with a <c>resourceVersion</c> precondition (see
/// <see cref="ConfigMapDocument"/>): a checkpoint someone else moved is never overwritten.
/// </summary>
public sealed class ConfigMapCheckpointStore(IKubernetes client, KubernetesOptions options) : ICheckpointStore
{
    /// <summary>The ConfigMap key holding the checkpoint.</summary>
    public const string DataKey = "checkpoint.json";

    private readonly ConfigMapDocument _map = new(client, options, options.CheckpointConfigMap, "checkpoint");

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        var data = await _map.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (data is null || !data.TryGetValue(DataKey, out var text) || text.Length == 0)
        {
            return null;
        }
        try
        {
            return CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{_map.Describe()} key {DataKey} is unreadable: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken) =>
        _map.WriteAsync(new Dictionary<string, string> { [DataKey] = Encoding.UTF8.GetString(CheckpointSerializer.Serialize(checkpoint)) },
            cancellationToken);
}
