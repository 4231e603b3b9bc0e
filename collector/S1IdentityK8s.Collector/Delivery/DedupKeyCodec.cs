using System.Buffers;
using System.Text;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The dedup keys in a compact, exact binary form (a ConfigMap's <c>binaryData</c>): about 17 bytes a key
/// instead of about 52 as JSON pairs. Exact, not hashed: a hash collision would make an undelivered version
/// look delivered, i.e. skip an alert, so every id is stored in full. Ids are opaque strings; one that is a
/// UUID in its canonical lower-case form (what UAM sends today) is stored as its 16 bytes, any other as
/// UTF-8, and both read back to the very same string.
/// <para>Layout (version 1): the format byte, the key count (varint), the first key's updatedAt (zigzag
/// varint), then per key in ascending (updatedAt, id) order: varint of <c>delta × 2 + isUuid</c>, where delta
/// is updatedAt minus the previous key's (never negative in that order), followed by the 16 UUID bytes (big
/// endian) or by the UTF-8 length (varint) and bytes. Deltas between keys of one overlap window take one or
/// two bytes.</para>
/// </summary>
public static class DedupKeyCodec
{
    /// <summary>The format byte this codec writes and reads.</summary>
    public const byte Format = 1;

    // Format byte + count (varint of an int) + base (zigzag varint of a long).
    private const int HeaderMaxBytes = 1 + 5 + 10;

    /// <summary>
    /// Encodes the newest of <paramref name="ascending"/> (sorted by updatedAt, then id) that fit in
    /// <paramref name="budgetBytes"/>; returns the bytes and the index of the first key kept (0 when all fit).
    /// Keys left out are always the oldest: they are the first to age out of the window anyway.
    /// </summary>
    public static (byte[] Bytes, int FirstKept) Encode(IReadOnlyList<(string Id, long UpdatedAtMs)> ascending, int budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        var firstKept = ascending.Count;
        long total = HeaderMaxBytes;
        for (var i = ascending.Count - 1; i >= 0; i--)
        {
            // Sized with the delta to its older neighbour: an upper bound for the first key kept, whose delta is 0.
            var previousMs = i == 0 ? ascending[0].UpdatedAtMs : ascending[i - 1].UpdatedAtMs;
            var size = EncodedSize(ascending[i], previousMs);
            if (total + size > budgetBytes)
            {
                break;
            }
            total += size;
            firstKept = i;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(total, budgetBytes));
        buffer.Write([Format]);
        WriteVarint(buffer, (UInt128)(uint)(ascending.Count - firstKept));
        var previous = firstKept < ascending.Count ? ascending[firstKept].UpdatedAtMs : 0;
        WriteVarint(buffer, ZigZag(previous));
        Span<byte> uuid = stackalloc byte[16];
        for (var i = firstKept; i < ascending.Count; i++)
        {
            var (id, updatedAtMs) = ascending[i];
            var isUuid = TryUuidBytes(id, uuid);
            WriteVarint(buffer, ((UInt128)unchecked((ulong)(updatedAtMs - previous)) << 1) | (isUuid ? 1u : 0u));
            previous = updatedAtMs;
            if (isUuid)
            {
                buffer.Write(uuid);
            }
            else
            {
                var utf8 = Encoding.UTF8.GetBytes(id);
                WriteVarint(buffer, (UInt128)(uint)utf8.Length);
                buffer.Write(utf8);
            }
        }
        return (buffer.WrittenSpan.ToArray(), firstKept);
    }

    /// <summary>Decodes keys written by <see cref="Encode"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<(string Id, long UpdatedAtMs)> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Format)
        {
            throw new FormatException($"dedup keys format {(bytes.Length == 0 ? "missing" : bytes[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} is not supported (expected {Format})");
        }
        var position = 1;
        var count = ReadVarint(bytes, ref position);
        if (count > (UInt128)(bytes.Length - position))
        {
            throw new FormatException($"dedup keys claim {count} keys in {bytes.Length} bytes");
        }
        var previous = UnZigZag(ReadVarint(bytes, ref position));
        var keys = new List<(string, long)>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var head = ReadVarint(bytes, ref position);
            var updatedAtMs = unchecked(previous + (long)(ulong)(head >> 1));
            previous = updatedAtMs;
            string id;
            if ((head & 1) == 1)
            {
                id = new Guid(Take(bytes, ref position, 16), bigEndian: true).ToString("D");
            }
            else
            {
                var length = ReadVarint(bytes, ref position);
                id = Encoding.UTF8.GetString(Take(bytes, ref position, length > int.MaxValue ? int.MaxValue : (int)length));
            }
            keys.Add((id, updatedAtMs));
        }
        if (position != bytes.Length)
        {
            throw new FormatException($"dedup keys have {bytes.Length - position} bytes after the last key");
        }
        return keys;
    }

    private static int EncodedSize((string Id, long UpdatedAtMs) key, long previousMs)
    {
        Span<byte> uuid = stackalloc byte[16];
        var isUuid = TryUuidBytes(key.Id, uuid);
        var head = VarintSize(((UInt128)unchecked((ulong)(key.UpdatedAtMs - previousMs)) << 1) | 1);
        if (isUuid)
        {
            return head + 16;
        }
        var length = Encoding.UTF8.GetByteCount(key.Id);
        return head + VarintSize((uint)length) + length;
    }

    // Only the canonical form round-trips to the same string; "{...}", upper case or no dashes stay text.
    private static bool TryUuidBytes(string id, Span<byte> destination) =>
        id.Length == 36 && Guid.TryParseExact(id, "D", out var guid) && string.Equals(guid.ToString("D"), id, StringComparison.Ordinal)
            && guid.TryWriteBytes(destination, bigEndian: true, out _);

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int length)
    {
        if (length > bytes.Length - position)
        {
            throw new FormatException($"dedup keys end {length - (bytes.Length - position)} bytes early");
        }
        var slice = bytes.Slice(position, length);
        position += length;
        return slice;
    }

    private static UInt128 ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

    private static long UnZigZag(UInt128 value)
    {
        var v = (ulong)value;
        return unchecked((long)(v >> 1) ^ -(long)(v & 1));
    }

    private static int VarintSize(UInt128 value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[19];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)((byte)(value & 0x7F) | 0x80);
            value >>= 7;
        }
        bytes[n++] = (byte)value;
        buffer.Write(bytes[..n]);
    }

    private static UInt128 ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        UInt128 value = 0;
        for (var shift = 0; shift < 133; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new FormatException("dedup keys end inside a number");
            }
            var b = bytes[position++];
            value |= (UInt128)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new FormatException("dedup keys hold a number longer than 19 bytes");
    }
}
