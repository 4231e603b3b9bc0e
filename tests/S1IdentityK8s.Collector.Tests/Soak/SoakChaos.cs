using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Soak;

/// <summary>
/// The soak's changes to SentinelOne between kills (status updates, alerts indexed late) and what the intake
/// must hold in the end: every alert, each in its last version.
/// </summary>
internal sealed class SoakChaos(PipelineHarness h, Random random, IReadOnlyList<(string Id, long DetectedAtMs, long UpdatedAtMs)> backlog)
{
    private readonly Dictionary<string, string> _lastStatus = new(StringComparer.Ordinal);
    private readonly List<string> _lateIds = [];
    private int _lateSeed = 1;

    public int Updated { get; private set; }

    public int LateIndexed => _lateIds.Count;

    /// <summary>Flips the status of <paramref name="count"/> random backlog alerts: each flip is a new version.</summary>
    public void UpdateSome(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = backlog[random.Next(backlog.Count)].Id;
            var updated = h.Uam.UpdateAlert(id, a => a["status"] = a["status"]?.GetValue<string>() == "RESOLVED" ? "IN_PROGRESS" : "RESOLVED");
            _lastStatus[id] = updated["status"]!.GetValue<string>();
            Updated++;
        }
    }

    /// <summary>
    /// Adds alerts detected 30 s ago that stay invisible for 5 s more: behind the watermark, inside the overlap,
    /// as SentinelOne's late indexing produces them.
    /// </summary>
    public void AddLateIndexed(int count)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var alert in AlertFixtures.Generate(count, now.AddSeconds(-31), now.AddSeconds(-30), seed: random.Next() ^ _lateSeed++))
        {
            h.Uam.AddAlert(alert, visibleFrom: now.AddSeconds(5));
            _lateIds.Add(alert["id"]!.GetValue<string>());
        }
    }

    /// <summary>Whether the intake acknowledged every alert, updated ones in their last version.</summary>
    public bool AllDelivered()
    {
        var acknowledged = h.Intake.CountsById(acknowledgedOnly: true);
        if (acknowledged.Count < backlog.Count + _lateIds.Count
            || !backlog.All(a => acknowledged.ContainsKey(a.Id)) || !_lateIds.All(acknowledged.ContainsKey))
        {
            return false;
        }

        var versions = h.Intake.CountsByVersion(acknowledgedOnly: true);
        return _lastStatus.All(u => versions.ContainsKey(new AlertVersionKey(u.Key, u.Value)));
    }

    /// <summary>What the intake still lacks, for a failure message.</summary>
    public string DescribeMissing()
    {
        var acknowledged = h.Intake.CountsById(acknowledgedOnly: true);
        var received = h.Intake.CountsById();
        var versions = h.Intake.CountsByVersion(acknowledgedOnly: true);
        var backlogMissing = backlog.Where(a => !acknowledged.ContainsKey(a.Id)).ToList();
        var lateMissing = _lateIds.Where(id => !acknowledged.ContainsKey(id)).ToList();
        var updateMissing = _lastStatus.Where(u => !versions.ContainsKey(new AlertVersionKey(u.Key, u.Value))).ToList();
        return $"unacknowledged: {backlogMissing.Count} backlog alerts ({backlogMissing.Count(a => received.ContainsKey(a.Id))} received), " +
            $"{lateMissing.Count} of {_lateIds.Count} late-indexed, {updateMissing.Count} of {_lastStatus.Count} last versions " +
            $"(e.g. {string.Join(", ", updateMissing.Take(3).Select(u => $"{u.Key}={u.Value}, received {string.Join("/", versions.Keys.Where(k => k.Id == u.Key).Select(k => k.Version))}"))})";
    }

    /// <summary>One key per alert: its last version where the soak updated it, any version otherwise.</summary>
    public List<AlertVersionKey> ExpectedVersions()
    {
        var received = h.Intake.CountsByVersion();
        var anyVersion = received.Keys.GroupBy(k => k.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return backlog.Select(a => a.Id).Concat(_lateIds)
            .Select(id => _lastStatus.TryGetValue(id, out var status)
                ? new AlertVersionKey(id, status)
                : anyVersion.GetValueOrDefault(id, new AlertVersionKey(id, "(never received)")))
            .ToList();
    }

    /// <summary>
    /// After a SIGKILL the checkpoint on disk is what the next process resumes from: its detectedAt watermark
    /// must not be past any backlog alert the intake has not acknowledged.
    /// </summary>
    public async Task AssertCheckpointBehindUndeliveredAsync()
    {
        var path = Path.Combine(h.StateDirectory, "checkpoint.json");
        if (!File.Exists(path))
        {
            return;
        }

        var watermark = JsonNode.Parse(await File.ReadAllTextAsync(path))!["detectedWatermarkMs"]?.GetValue<long>();
        var acknowledged = h.Intake.CountsById(acknowledgedOnly: true);
        var oldestUndelivered = backlog.Where(a => !acknowledged.ContainsKey(a.Id)).Select(a => a.DetectedAtMs).DefaultIfEmpty(long.MaxValue).Min();
        Assert.True(watermark is null || watermark <= oldestUndelivered,
            $"checkpoint watermark {watermark} passed the undelivered alert detected at {oldestUndelivered}");
    }
}
