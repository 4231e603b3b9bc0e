using System.Buffers.Binary;

namespace S1IdentityK8s.Images.Tests;

/// <summary>Just enough of a 64-bit little-endian ELF file to tell a static executable from a dynamic one.</summary>
internal static class ElfFile
{
    /// <summary>Program header type of the dynamic linker's path.</summary>
    public const uint Interpreter = 3;

    /// <summary>Program header type of dynamic linking information.</summary>
    public const uint Dynamic = 2;

    /// <summary>The <c>p_type</c> of every program header; throws when <paramref name="elf"/> is no ELF64 LE file.</summary>
    public static IReadOnlyList<uint> ProgramHeaderTypes(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        return [.. Enumerable.Range(0, count)
            .Select(index => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(checked((int)offset + (index * size)))))];
    }
}
