using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Storage;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Files under <c>deadLetters.directory</c>, one per alert version, holding the alert exactly as it would
/// have been sent plus why it was not. Written durably before the checkpoint moves past the alert; keyed by
/// (id, updatedAt) so a page replayed after a crash rewrites the same file instead of a duplicate. The
/// directory may outlive the process (a PersistentVolumeClaim in a cluster): what is there is indexed at
/// start. Bounded by <c>maxCount</c> and <c>maxBytes</c>: beyond them the oldest letters are deleted, each
/// counted in <c>s1identity_dead_letters_dropped_total{reason="capacity"}</c> and logged, after the new one
/// is durably written, and never the newest, so a letter is only ever lost to a newer one.
/// Safe for concurrent use: chunks are delivered concurrently.
/// </summary>
public sealed class DeadLetterStore
{
    /// <summary>The reason label of letters dropped to stay within the bounds.</summary>
    public const string CapacityReason = "capacity";

    private readonly DeadLetterOptions _options;
    private readonly TimeProvider _time;
    private readonly CollectorMetrics _metrics;
    private readonly ILogger<DeadLetterStore> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DeadLetter Letter, long Bytes)> _stored = new(StringComparer.Ordinal);
    private long _storedBytes;

    /// <summary>Opens (and creates) the store, indexing the letters already there and enforcing the bounds on them.</summary>
    public DeadLetterStore(DeadLetterOptions options, TimeProvider time, CollectorMetrics metrics, ILogger<DeadLetterStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _metrics = metrics;
        // Exported at 0 from the start: Prometheus' increase() cannot see a series' first increment, so an
        // alert on drops would miss the first one if the series only appeared with it.
        _metrics.DeadLettersDropped.WithLabels(CapacityReason);
        _logger = logger;
        Directory.CreateDirectory(options.Directory);
        lock (_gate)
        {
            foreach (var file in Directory.EnumerateFiles(options.Directory, "*.json"))
            {
                if (Read(file) is { } letter)
                {
                    Index(file, letter, new FileInfo(file).Length);
                }
            }
            DropBeyondBounds(keep: null);
        }
    }

    /// <summary>Stores <paramref name="json"/> (the serialised alert) under its key.</summary>
    public async Task<DeadLetter> AddAsync(string alertId, long updatedAtMs, string reason, string message, string json, CancellationToken cancellationToken)
    {
        var letter = new DeadLetter(alertId, updatedAtMs, reason, Encoding.UTF8.GetByteCount(json), message, _time.GetUtcNow());
        var record = new JsonObject
        {
            ["alertId"] = letter.AlertId,
            ["updatedAtMs"] = letter.UpdatedAtMs,
            ["reason"] = letter.Reason,
            ["sizeBytes"] = letter.SizeBytes,
            ["message"] = letter.Message,
            ["deadLetteredAt"] = letter.DeadLetteredAt.ToString("O"),
            ["event"] = json,
        };
        var bytes = Encoding.UTF8.GetBytes(record.ToJsonString());
        var path = PathFor(alertId, updatedAtMs);
        await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            Index(path, letter, bytes.Length);
            DropBeyondBounds(keep: path);
        }
        return letter;
    }

    /// <summary>Every stored dead letter, oldest first (from the index: no file is read).</summary>
    public IReadOnlyList<DeadLetter> List()
    {
        lock (_gate)
        {
            return _stored.Values.Select(s => s.Letter).OrderBy(l => l, OldestFirst.Instance).ToList();
        }
    }

    /// <summary>How many dead letters are stored.</summary>
    public int Count()
    {
        lock (_gate)
        {
            return _stored.Count;
        }
    }

    // Callers hold the lock.
    private void Index(string path, DeadLetter letter, long bytes)
    {
        if (_stored.Remove(path, out var replaced))
        {
            _storedBytes -= replaced.Bytes;
        }
        _stored[path] = (letter, bytes);
        _storedBytes += bytes;
        _metrics.DeadLettersStored.Set(_stored.Count);
    }

    // Deletes the oldest letters while a bound is exceeded; the one just written (keep) and the last one
    // stay. Callers hold the lock.
    private void DropBeyondBounds(string? keep)
    {
        while ((_stored.Count > _options.MaxCount || _storedBytes > _options.MaxBytes) && _stored.Count > 1)
        {
            var (path, oldest) = _stored.Where(s => s.Key != keep).MinBy(s => s.Value.Letter, OldestFirst.Instance);
            try
            {
                File.Delete(path);
            }
            catch (IOException e)
            {
                // Left on disk, but no longer counted: the bound is on what this store keeps track of.
                _logger.LogWarning("Could not delete dropped dead letter {File}: {Error}", Path.GetFileName(path), e.Message);
            }
            _stored.Remove(path);
            _storedBytes -= oldest.Bytes;
            _metrics.DeadLettersDropped.WithLabels(CapacityReason).Inc();
            _metrics.DeadLettersStored.Set(_stored.Count);
            _logger.LogWarning(
                "Dead letter of alert {AlertId} (updatedAt {UpdatedAtMs}, {Reason}, from {DeadLetteredAt:O}) dropped: the store is over its bounds " +
                "({MaxCount} letters, {MaxBytes} bytes; deadLetters.maxCount, deadLetters.maxBytes), so the oldest letter goes",
                oldest.Letter.AlertId, oldest.Letter.UpdatedAtMs, oldest.Letter.Reason, oldest.Letter.DeadLetteredAt, _options.MaxCount, _options.MaxBytes);
        }
    }

    private static DeadLetter? Read(string file)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var r = doc.RootElement;
            return new DeadLetter(
                r.GetProperty("alertId").GetString()!, r.GetProperty("updatedAtMs").GetInt64(),
                r.GetProperty("reason").GetString()!, r.GetProperty("sizeBytes").GetInt32(),
                r.GetProperty("message").GetString()!, r.GetProperty("deadLetteredAt").GetDateTimeOffset());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            // A damaged entry must not hide the others; it stays on disk for a person to look at.
            return null;
        }
    }

    private string PathFor(string alertId, long updatedAtMs)
    {
        var safe = new string(alertId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return Path.Combine(_options.Directory, $"{safe}-{updatedAtMs}.json");
    }

    // Oldest first: when it was dead-lettered, then the alert's key, for a stable order among equal times.
    private sealed class OldestFirst : IComparer<DeadLetter>
    {
        public static readonly OldestFirst Instance = new();

        public int Compare(DeadLetter? x, DeadLetter? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byTime = x.DeadLetteredAt.CompareTo(y.DeadLetteredAt);
            if (byTime != 0)
            {
                return byTime;
            }
            var byId = string.CompareOrdinal(x.AlertId, y.AlertId);
            return byId != 0 ? byId : x.UpdatedAtMs.CompareTo(y.UpdatedAtMs);
        }
    }
}
