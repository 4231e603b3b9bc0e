using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Tests.Sekoia;

public sealed class DeadLetterStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("s1k8s-dead-letters-").FullName;
    private readonly CollectorMetrics _metrics = new("tests", "dead-letters");
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Add_BeyondMaxCount_DropsTheOldestCountedAndKeepsTheNewest()
    {
        var store = Open(maxCount: 3);

        for (var i = 0; i < 5; i++)
        {
            await AddAsync(store, i);
        }

        Assert.Equal(["alert-2", "alert-3", "alert-4"], store.List().Select(l => l.AlertId));
        Assert.Equal(3, Directory.GetFiles(_directory, "*.json").Length);
        Assert.Equal(2, _metrics.DeadLettersDropped.WithLabels(DeadLetterStore.CapacityReason).Value);
        Assert.Equal(3, _metrics.DeadLettersStored.Value);
    }

    [Fact]
    public async Task Add_BeyondMaxBytes_DropsTheOldestUntilTheBytesFit()
    {
        var store = Open(maxBytes: 10_000);

        for (var i = 0; i < 4; i++)
        {
            await AddAsync(store, i, eventBytes: 3_000);
        }

        Assert.Equal(["alert-1", "alert-2", "alert-3"], store.List().Select(l => l.AlertId));
        Assert.InRange(Directory.GetFiles(_directory).Sum(f => new FileInfo(f).Length), 9_000, 10_000);
        Assert.Equal(1, _metrics.DeadLettersDropped.WithLabels(DeadLetterStore.CapacityReason).Value);
    }

    [Fact]
    public async Task Add_OneLetterOverMaxBytes_KeepsItRatherThanLoseTheNewest()
    {
        var store = Open(maxBytes: 1_000);
        await AddAsync(store, 0);

        await AddAsync(store, 1, eventBytes: 5_000);

        Assert.Equal("alert-1", Assert.Single(store.List()).AlertId);
    }

    [Fact]
    public async Task Add_SameVersionAgain_ReplacesItWithoutCountingTwice()
    {
        var store = Open(maxCount: 2);
        await AddAsync(store, 0);
        await AddAsync(store, 1);

        await AddAsync(store, 1);

        Assert.Equal(2, store.Count());
        Assert.Equal(0, _metrics.DeadLettersDropped.WithLabels(DeadLetterStore.CapacityReason).Value);
    }

    [Fact]
    public async Task Open_DirectoryOfAPreviousProcess_ListsItsLettersAndAppliesLoweredBounds()
    {
        var previous = Open(maxCount: 10);
        for (var i = 0; i < 4; i++)
        {
            await AddAsync(previous, i);
        }
        await File.WriteAllTextAsync(Path.Combine(_directory, "damaged.json"), "{ not a letter");

        var reopened = Open(maxCount: 2);

        Assert.Equal(["alert-2", "alert-3"], reopened.List().Select(l => l.AlertId));
        Assert.Equal(2, _metrics.DeadLettersDropped.WithLabels(DeadLetterStore.CapacityReason).Value);
        Assert.True(File.Exists(Path.Combine(_directory, "damaged.json")));
    }

    private DeadLetterStore Open(int maxCount = 100, int maxBytes = 1_000_000) =>
        new(new DeadLetterOptions { Directory = _directory, MaxCount = maxCount, MaxBytes = maxBytes }, _time, _metrics,
            NullLogger<DeadLetterStore>.Instance);

    // Each letter a second after the previous one: alert-0 is the oldest.
    private Task<DeadLetter> AddAsync(DeadLetterStore store, int i, int eventBytes = 10)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return store.AddAsync($"alert-{i}", 1_795_000_000_000 + i, "oversize", "too big", $"\"{new string('x', eventBytes)}\"", CancellationToken.None);
    }
}
