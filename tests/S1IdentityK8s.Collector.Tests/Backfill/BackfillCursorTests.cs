using S1IdentityK8s.Collector.Backfill;

namespace S1IdentityK8s.Collector.Tests.Backfill;

public sealed class BackfillCursorTests
{
    [Fact]
    public void Advance_TieSplitAcrossPages_KeepsEveryIdAtTheInstant()
    {
        var (ms, ids) = BackfillCursor.Advance(null, [], [("a", 10), ("b", 20), ("c", 20)]);
        (ms, ids) = BackfillCursor.Advance(ms, ids, [("d", 20)]);

        Assert.Equal(20, ms);
        Assert.Equal(["b", "c", "d"], ids);
    }

    [Fact]
    public void Advance_LaterInstant_ReplacesIds()
    {
        var (ms, ids) = BackfillCursor.Advance(20, ["b", "c"], [("d", 20), ("e", 30)]);

        Assert.Equal(30, ms);
        Assert.Equal(["e"], ids);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Advance_EmptyOrEarlierPage_LeavesCursorAlone(bool empty)
    {
        IReadOnlyList<(string, long)> page = empty ? [] : [("z", 5)];

        var (ms, ids) = BackfillCursor.Advance(20, ["b"], page);

        Assert.Equal(20, ms);
        Assert.Equal(["b"], ids);
    }
}
