using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Storage;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Files under <c>{stateDirectory}/dead-letters/</c>, one per alert version, holding the alert exactly as it
/// would have been sent plus why it was not. Written durably before the checkpoint moves past the alert;
/// keyed by (id, updatedAt) so a page replayed after a crash rewrites the same file instead of a duplicate.
/// </summary>
public sealed class DeadLetterStore
{
    private readonly string _directory;
    private readonly TimeProvider _time;

    /// <summary>Opens (and creates) the store under <paramref name="stateDirectory"/>.</summary>
    public DeadLetterStore(string stateDirectory, TimeProvider time)
    {
        _directory = Path.Combine(stateDirectory, "dead-letters");
        _time = time;
        Directory.CreateDirectory(_directory);
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
        await AtomicFile.WriteAsync(PathFor(alertId, updatedAtMs), Encoding.UTF8.GetBytes(record.ToJsonString()), cancellationToken)
            .ConfigureAwait(false);
        return letter;
    }

    /// <summary>Every stored dead letter, oldest first (the event bodies are not loaded).</summary>
    public IReadOnlyList<DeadLetter> List()
    {
        var letters = new List<DeadLetter>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var r = doc.RootElement;
                letters.Add(new DeadLetter(
                    r.GetProperty("alertId").GetString()!, r.GetProperty("updatedAtMs").GetInt64(),
                    r.GetProperty("reason").GetString()!, r.GetProperty("sizeBytes").GetInt32(),
                    r.GetProperty("message").GetString()!, r.GetProperty("deadLetteredAt").GetDateTimeOffset()));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or IOException)
            {
                // A damaged entry must not hide the others; it stays on disk for a person to look at.
                continue;
            }
        }
        return letters.OrderBy(l => l.DeadLetteredAt).ThenBy(l => l.AlertId, StringComparer.Ordinal).ToList();
    }

    /// <summary>How many dead letters are stored.</summary>
    public int Count() => Directory.EnumerateFiles(_directory, "*.json").Count();

    private string PathFor(string alertId, long updatedAtMs)
    {
        var safe = new string(alertId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return Path.Combine(_directory, $"{safe}-{updatedAtMs}.json");
    }
}
