using S1IdentityK8s.Collector.Backfill;

namespace S1IdentityK8s.Collector.Tests.Backfill;

public sealed class BackfillStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("s1k8s-backfills-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SaveAsync_ThenLoadAll_RoundTripsEveryField()
    {
        var store = new BackfillStore(_dir);
        var record = BackfillRecord.Create(
            new BackfillSpec("incident-42", DateTimeOffset.FromUnixTimeMilliseconds(1_000), DateTimeOffset.FromUnixTimeMilliseconds(5_000), true, "config"),
            DateTimeOffset.FromUnixTimeMilliseconds(9_000)) with
        {
            Phase = BackfillPhase.Running,
            Pages = 3,
            AlertsFetched = 30,
            AlertsSent = 28,
            AlertsDeadLettered = 2,
            CursorMs = 2_000,
            CursorIds = ["x", "y"],
            CancelRequested = true,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(9_500),
            Message = "waiting",
            ConfigConflict = "changed",
        };

        await store.SaveAsync(record, CancellationToken.None);
        var (records, unreadable) = store.LoadAll();

        Assert.Empty(unreadable);
        var loaded = Assert.Single(records);
        Assert.Equal(record with { CursorIds = [] }, loaded with { CursorIds = [] });
        Assert.Equal(record.CursorIds, loaded.CursorIds);
        Assert.Equal(0.25, loaded.Progress);
        Assert.True(File.Exists(Path.Combine(_dir, "backfills", "incident-42.json")));
    }

    [Fact]
    public void LoadAll_DamagedFile_ReportedAndSkipped()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "backfills"));
        File.WriteAllText(Path.Combine(_dir, "backfills", "broken.json"), "{not json");

        var (records, unreadable) = new BackfillStore(_dir).LoadAll();

        Assert.Empty(records);
        Assert.EndsWith("broken.json", Assert.Single(unreadable).Path, StringComparison.Ordinal);
    }
}
