using S1IdentityK8s.Collector.Delivery;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Delivery;

public sealed class DedupKeyCodecTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Ids => new()
    {
        { "canonical UUID (16 bytes)", "ba485919-e4c1-4496-9e2f-feb320f6841a" },
        { "UUIDv7", "01936a2b-7c3d-7e4f-8a5b-6c7d8e9f0a1b" },
        { "upper-case UUID (kept as text, so it reads back upper case)", "BA485919-E4C1-4496-9E2F-FEB320F6841A" },
        { "braced UUID", "{ba485919-e4c1-4496-9e2f-feb320f6841a}" },
        { "UUID without dashes", "ba485919e4c144969e2ffeb320f6841a" },
        { "opaque id", "alert-42" },
        { "non-ASCII id", "alerte-é✓-𝄞" },
        { "empty id", "" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void EncodeThenDecode_AnyId_ReadsBackTheSameString(string name, string id)
    {
        List<(string, long)> keys = [(id, -5), (id, 0), (id, 1_795_000_000_000), ("zz", long.MaxValue)];
        keys.Insert(0, ("aa", long.MinValue));

        var (bytes, firstKept) = DedupKeyCodec.Encode(keys, int.MaxValue);

        Assert.Equal(0, firstKept);
        Assert.Equal(keys, DedupKeyCodec.Decode(bytes));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Encode_50000UuidKeysInOneOverlapWindow_TakesAbout17BytesAKey()
    {
        var keys = DedupKeyFixtures.InOneWindow(50_000);

        var (bytes, firstKept) = DedupKeyCodec.Encode(keys, int.MaxValue);

        var perKey = (double)bytes.Length / keys.Count;
        output.WriteLine($"50,000 keys in {DedupKeyFixtures.Window}: {bytes.Length:N0} bytes, {perKey:F2} bytes a key");
        Assert.Equal(0, firstKept);
        Assert.InRange(perKey, 17.0, 18.0);
        Assert.Equal(keys, DedupKeyCodec.Decode(bytes));
    }

    [Fact]
    public void Encode_OverBudget_KeepsTheNewestThatFitAndLeavesOutOnlyOlderOnes()
    {
        var keys = DedupKeyFixtures.InOneWindow(1_000);

        var (bytes, firstKept) = DedupKeyCodec.Encode(keys, 5_000);

        Assert.InRange(bytes.Length, 4_900, 5_000);
        Assert.Equal(keys[firstKept..], DedupKeyCodec.Decode(bytes));
    }

    [Fact]
    public void Encode_BudgetBelowOneKey_WritesAnEmptySetThatDecodes()
    {
        var (bytes, firstKept) = DedupKeyCodec.Encode(DedupKeyFixtures.InOneWindow(3), 10);

        Assert.Equal(3, firstKept);
        Assert.Empty(DedupKeyCodec.Decode(bytes));
    }

    [Theory]
    [InlineData(new byte[0], "format missing")]
    [InlineData(new byte[] { 9, 0, 0 }, "format 9")]
    [InlineData(new byte[] { 1, 1, 0, 1, 0xAA }, "end 15 bytes early")]
    [InlineData(new byte[] { 1, 0, 0, 7 }, "1 bytes after the last key")]
    [InlineData(new byte[] { 1, 100, 0 }, "claim 100 keys")]
    [InlineData(new byte[] { 1, 1, 0, 0x80 }, "inside a number")]
    public void Decode_DamagedBytes_ThrowsNamingTheProblem(byte[] bytes, string expected)
    {
        var e = Assert.Throws<FormatException>(() => DedupKeyCodec.Decode(bytes));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
