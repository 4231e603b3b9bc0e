using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.Delivery;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("s1k8s-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task FileStore_SaveThenLoad_RoundTripsEverything()
    {
        var store = new FileCheckpointStore(_dir);
        var checkpoint = new Checkpoint
        {
            DetectedWatermarkMs = 1_700_000_000_000,
            UpdatedWatermarkMs = 1_700_000_000_500,
            CommittedAt = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ForwardedTotal = 42,
            DeadLetteredTotal = 1,
        };
        checkpoint.Delivered.Add("a", 10);
        checkpoint.Delivered.Add("b", 11);

        await store.SaveAsync(checkpoint, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(checkpoint.DetectedWatermarkMs, loaded.DetectedWatermarkMs);
        Assert.Equal(checkpoint.UpdatedWatermarkMs, loaded.UpdatedWatermarkMs);
        Assert.Equal(checkpoint.CommittedAt, loaded.CommittedAt);
        Assert.Equal(42, loaded.ForwardedTotal);
        Assert.Equal(1, loaded.DeadLetteredTotal);
        Assert.True(loaded.Delivered.Contains("a", 10));
        Assert.True(loaded.Delivered.Contains("b", 11));
        Assert.False(loaded.Delivered.Contains("a", 11));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task FileStore_NoFile_LoadsNull()
    {
        Assert.Null(await new FileCheckpointStore(_dir).LoadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"version\":99}", "version 99")]
    public async Task FileStore_DamagedFile_RefusesWithReason(string content, string expected)
    {
        var store = new FileCheckpointStore(_dir);
        await File.WriteAllTextAsync(store.Path, content);

        var e = await Assert.ThrowsAsync<FormatException>(() => store.LoadAsync(CancellationToken.None));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(store.Path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_NeverMovesBackward()
    {
        var checkpoint = new Checkpoint { DetectedWatermarkMs = 100 };

        checkpoint.Advance(AlertTimeField.DetectedAt, 50);
        checkpoint.Advance(AlertTimeField.UpdatedAt, 70);

        Assert.Equal(100, checkpoint.DetectedWatermarkMs);
        Assert.Equal(70, checkpoint.UpdatedWatermarkMs);
    }

    [Fact]
    public void DeliveredKeys_Prune_DropsOnlyOlderVersions()
    {
        var keys = new DeliveredKeys();
        keys.Add("a", 10);
        keys.Add("a", 20);
        keys.Add("b", 30);

        var pruned = keys.PruneBefore(20);

        Assert.Equal(1, pruned);
        Assert.False(keys.Contains("a", 10));
        Assert.True(keys.Contains("a", 20));
        Assert.True(keys.Contains("b", 30));
    }
}
