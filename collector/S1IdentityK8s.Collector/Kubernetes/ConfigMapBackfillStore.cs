using System.Text;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Backfill records in the ConfigMap <c>&lt;checkpointConfigMap&gt;-backfills</c>, one key per backfill
/// (<c>&lt;name&gt;.json</c>), so that a pod roll neither forgets a finished backfill (names are idempotency
/// keys) nor restarts a running one from scratch. Writes wait for the single-writer Lease and carry the
/// last seen <c>resourceVersion</c>, like the checkpoint.
/// </summary>
public sealed class ConfigMapBackfillStore(KubeApiClient client, KubernetesOptions options, WriterGate writer) : IBackfillStore, IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ConfigMapDocument _map = new(client, options, options.CheckpointConfigMap + "-backfills", "backfills");

    /// <summary>The ConfigMap's name.</summary>
    public string Name => _map.Name;

    /// <inheritdoc />
    public (IReadOnlyList<BackfillRecord> Records, IReadOnlyList<(string Path, string Error)> Unreadable) LoadAll()
    {
        var records = new List<BackfillRecord>();
        var unreadable = new List<(string, string)>();
        // Called once while the host is built (the registry loads in its constructor): no context to block.
        var data = _map.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var (key, text) in data ?? new Dictionary<string, string>())
        {
            try
            {
                records.Add(BackfillRecordJson.Deserialize(Encoding.UTF8.GetBytes(text)));
            }
            catch (FormatException e)
            {
                unreadable.Add(($"{_map.Describe()} key {key}", e.Message));
            }
        }
        return (records, unreadable);
    }

    /// <inheritdoc />
    public async Task SaveAsync(BackfillRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(BackfillRecordJson.Serialize(record));
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _map.WriteAsync(new Dictionary<string, string> { [record.Name + ".json"] = text }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writes.Dispose();
}
