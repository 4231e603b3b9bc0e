using System.Formats.Tar;

namespace S1IdentityK8s.Images.Tests;

/// <summary>One entry of an image archive's own tar (not of a layer), as written.</summary>
/// <param name="Name">Entry name, e.g. <c>blobs/sha256/…</c> or <c>index.json</c>.</param>
/// <param name="Type">Regular file or directory.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="ModificationTime">Time stamp.</param>
public sealed record ArchiveEntry(string Name, TarEntryType Type, int Uid, int Gid, DateTimeOffset ModificationTime);
