using System.Text;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The checkpoint in a ConfigMap, for collectors running in a cluster, where the pod's disk does not
/// outlive the pod: the compact form (see <see cref="CheckpointSerializer.SerializeCompact"/>), the JSON in
/// <c>data[checkpoint.json]</c> and the dedup keys in <c>binaryData[delivered-keys]</c>, written together
/// within <see cref="BudgetBytes"/> whatever the alert rate. Written with a <c>resourceVersion</c>
/// precondition (see <see cref="ConfigMapDocument"/>): a checkpoint someone else moved is never overwritten.
/// Reads the version 1 form (all in <c>checkpoint.json</c>) that earlier collectors wrote.
/// </summary>
public sealed class ConfigMapCheckpointStore(
    KubeApiClient client, KubernetesOptions options, CollectorMetrics metrics, ILogger<ConfigMapCheckpointStore> logger) : ICheckpointStore
{
    /// <summary>The ConfigMap key holding the checkpoint's JSON.</summary>
    public const string DataKey = "checkpoint.json";

    /// <summary>The ConfigMap binaryData key holding the dedup keys.</summary>
    public const string KeysKey = "delivered-keys";

    /// <summary>
    /// Most bytes a checkpoint write stores: the apiserver refuses a ConfigMap whose data and binaryData
    /// exceed 1 MiB; 64 KiB are left for the key names and anything else in the map.
    /// </summary>
    public const int BudgetBytes = (1024 * 1024) - (64 * 1024);

    private readonly ConfigMapDocument _map = new(client, options, options.CheckpointConfigMap, "checkpoint");
    private bool _leavingOut;

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        var map = await _map.ReadMapAsync(cancellationToken).ConfigureAwait(false);
        if (map?.Data is null || !map.Data.TryGetValue(DataKey, out var text) || text.Length == 0)
        {
            return null;
        }
        try
        {
            return CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(text), map.BinaryData?.TryGetValue(KeysKey, out var keys) == true ? keys : null);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{_map.Describe()} key {DataKey} is unreadable: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var form = CheckpointSerializer.SerializeCompact(checkpoint, BudgetBytes);
        await _map.WriteAsync(new Dictionary<string, string> { [DataKey] = Encoding.UTF8.GetString(form.Json) },
            new Dictionary<string, byte[]> { [KeysKey] = form.Keys }, cancellationToken).ConfigureAwait(false);
        metrics.CheckpointBytes.Set(form.SizeBytes);
        // Counted once the write that left them out succeeded: a failed write left nothing out.
        metrics.DedupKeysDropped.Inc(checkpoint.Delivered.MarkLeftOut(form.LeftOut));
        ReportLeavingOut(form);
    }

    // Logged when it starts and ends, not per write: the metric counts every key.
    private void ReportLeavingOut(CompactCheckpoint form)
    {
        if (form.LeftOut.Count > 0 && !_leavingOut)
        {
            logger.LogWarning(
                "Checkpoint size budget reached ({Budget} bytes in {ConfigMap}): keeping the newest {Kept} dedup keys and leaving out the " +
                "oldest {LeftOut}; a restart may send those alert versions again (duplicates, never a skipped alert)",
                BudgetBytes, _map.Describe(), form.KeptKeys, form.LeftOut.Count);
        }
        else if (form.LeftOut.Count == 0 && _leavingOut)
        {
            logger.LogInformation("Checkpoint back within its size budget: every dedup key is stored again ({Kept} keys)", form.KeptKeys);
        }
        _leavingOut = form.LeftOut.Count > 0;
    }
}
