using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Delivery;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Delivery;

public sealed class CompactCheckpointTests(ITestOutputHelper output)
{
    private const int Budget = 983_040;

    [Fact]
    public void SerializeCompact_ThenDeserialize_RoundTripsEverything()
    {
        var checkpoint = Sample();

        var form = CheckpointSerializer.SerializeCompact(checkpoint, Budget);
        var loaded = CheckpointSerializer.Deserialize(form.Json, form.Keys);

        Assert.Empty(form.LeftOut);
        Assert.Equal(checkpoint.DetectedWatermarkMs, loaded.DetectedWatermarkMs);
        Assert.Equal(checkpoint.UpdatedWatermarkMs, loaded.UpdatedWatermarkMs);
        Assert.Equal(checkpoint.CommittedAt, loaded.CommittedAt);
        Assert.Equal(42, loaded.ForwardedTotal);
        Assert.Equal(3, loaded.DeadLetteredTotal);
        Assert.Equal(checkpoint.Delivered.Snapshot(), loaded.Delivered.Snapshot());
        Assert.Equal(checkpoint.Listed.Snapshot(), loaded.Listed.Snapshot());
    }

    [Fact]
    public void Deserialize_Version1WrittenByThePreviousCollector_LoadsEveryField()
    {
        // Byte for byte what collectors before the compact form wrote (CheckpointSerializer at 370197e).
        const string previous = """
            {"version":1,"detectedWatermarkMs":1795000600000,"updatedWatermarkMs":1795000500000,"committedAt":"2026-11-24T10:00:00.0000000+00:00","forwardedTotal":42,"deadLetteredTotal":3,"delivered":[["ba485919-e4c1-4496-9e2f-feb320f6841a",1795000100000],["alert-7",1795000200000]],"listed":[[1795000000000,1795000300000,1795000400000]]}
            """;

        var loaded = CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(previous), keys: null);

        Assert.Equal(1_795_000_600_000, loaded.DetectedWatermarkMs);
        Assert.Equal(42, loaded.ForwardedTotal);
        Assert.True(loaded.Delivered.Contains("ba485919-e4c1-4496-9e2f-feb320f6841a", 1_795_000_100_000));
        Assert.True(loaded.Delivered.Contains("alert-7", 1_795_000_200_000));
        Assert.Single(loaded.Listed.Snapshot());
    }

    [Fact]
    public void Deserialize_Version2WithoutItsKeys_RefusesRatherThanForgetThem()
    {
        var form = CheckpointSerializer.SerializeCompact(Sample(), Budget);

        var e = Assert.Throws<FormatException>(() => CheckpointSerializer.Deserialize(form.Json, keys: null));

        Assert.Contains("keys are missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Version2WithAnotherCheckpointsKeys_RefusesOnTheCount()
    {
        var form = CheckpointSerializer.SerializeCompact(Sample(), Budget);
        var other = CheckpointSerializer.SerializeCompact(new Checkpoint(), Budget);

        var e = Assert.Throws<FormatException>(() => CheckpointSerializer.Deserialize(form.Json, other.Keys));

        Assert.Contains("names 2 dedup keys, but 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50_000, 0)]
    [InlineData(200_000, 142_000)]
    public void SerializeCompact_KeysInOneOverlapWindow_StayWithinBudgetLeavingOutOnlyTheOldest(int count, int leftOutAtLeast)
    {
        var checkpoint = Sample();
        var keys = DedupKeyFixtures.InOneWindow(count);
        foreach (var (id, updatedAtMs) in keys)
        {
            checkpoint.Delivered.Add(id, updatedAtMs);
        }
        var all = checkpoint.Delivered.Snapshot();

        var form = CheckpointSerializer.SerializeCompact(checkpoint, Budget);
        var loaded = CheckpointSerializer.Deserialize(form.Json, form.Keys);

        output.WriteLine($"{count:N0} keys: {form.SizeBytes:N0} bytes stored, {form.KeptKeys:N0} kept, {form.LeftOut.Count:N0} left out; "
            + $"the version 1 JSON would be {CheckpointSerializer.Serialize(checkpoint).Length:N0} bytes");
        Assert.InRange(form.SizeBytes, 0, Budget);
        Assert.InRange(form.LeftOut.Count, leftOutAtLeast, leftOutAtLeast == 0 ? 0 : count);
        Assert.Equal(all.Count, form.KeptKeys + form.LeftOut.Count);
        // Only the oldest are left out, and everything kept reads back.
        Assert.Equal(all.Take(form.LeftOut.Count), form.LeftOut);
        Assert.Equal(all.Skip(form.LeftOut.Count), loaded.Delivered.Snapshot());
        Assert.Equal(form.LeftOut.Count, JsonNode.Parse(form.Json)!["deliveredKeysLeftOut"]!.GetValue<int>());
    }

    [Fact]
    public void MarkLeftOut_SameKeysTwice_CountsEachOnceAndKeepsFilteringThem()
    {
        var keys = new DeliveredKeys();
        keys.Add("a", 1);
        keys.Add("b", 2);

        Assert.Equal(2, keys.MarkLeftOut([("a", 1), ("b", 2)]));
        Assert.Equal(0, keys.MarkLeftOut([("a", 1), ("b", 2), ("gone", 3)]));

        Assert.True(keys.Contains("a", 1));
        Assert.Equal(2, keys.Count);
    }

    private static Checkpoint Sample()
    {
        var checkpoint = new Checkpoint
        {
            DetectedWatermarkMs = 1_795_000_600_000,
            UpdatedWatermarkMs = 1_795_000_500_000,
            CommittedAt = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ForwardedTotal = 42,
            DeadLetteredTotal = 3,
        };
        checkpoint.Delivered.Add("ba485919-e4c1-4496-9e2f-feb320f6841a", 1_795_000_100_000);
        checkpoint.Delivered.Add("alert-7", 1_795_000_200_000);
        checkpoint.Listed.Add(new ListedSpan(1_795_000_000_000, 1_795_000_300_000, 1_795_000_400_000));
        return checkpoint;
    }
}
