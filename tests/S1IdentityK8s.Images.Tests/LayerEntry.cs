using System.Formats.Tar;

namespace S1IdentityK8s.Images.Tests;

/// <summary>One file, folder or link of an image layer.</summary>
/// <param name="Path">Absolute path in the image, without a trailing slash (<c>/</c> for the root).</param>
/// <param name="Type">Regular file, directory, symbolic link, ...</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Mode">Permission bits, with setuid/setgid/sticky.</param>
/// <param name="Length">Size of a regular file.</param>
/// <param name="LinkName">Target of a link; empty otherwise.</param>
/// <param name="Content">A regular file's bytes when it is at most <see cref="MaxKeptContent"/>; null otherwise.</param>
public sealed record LayerEntry(
    string Path, TarEntryType Type, int Uid, int Gid, UnixFileMode Mode, long Length, string LinkName, byte[]? Content)
{
    /// <summary>Larger files are listed without their bytes, to keep three images' layers in memory cheaply.</summary>
    public const int MaxKeptContent = 1 << 20;

    /// <summary>Whether this is a regular file.</summary>
    public bool IsFile => Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;

    /// <summary>The normalized path of a tar entry name (<c>./etc/</c> → <c>/etc</c>).</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        trimmed = trimmed.TrimEnd('/');
        return trimmed is "" or "." ? "/" : "/" + trimmed;
    }
}
