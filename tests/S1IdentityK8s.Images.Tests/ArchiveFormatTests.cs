using System.Formats.Tar;
using System.Security.Cryptography;

namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The archive format: an OCI image layout whose index names the image for containerd (ctr import, kind
/// load), plus Docker's <c>manifest.json</c> (docker load), as Docker 25+ <c>docker save</c> writes; and a
/// deterministic tar.
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class ArchiveFormatTests(ImagesFixture images)
{
    public static TheoryData<string> Names => [.. ImagePaths.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_Index_NamesTheImageForContainerdAndOci(string name)
    {
        var archive = images.Archive(name);
        var built = images.Catalog.Single(image => image.Archive.EndsWith($"/{name}.tar", StringComparison.Ordinal));
        var manifests = archive.Index["manifests"]!.AsArray();
        var annotations = manifests[0]!["annotations"]!;

        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", System.Text.Encoding.UTF8.GetString(archive.Content("oci-layout") ?? []));
        Assert.Single(manifests);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifests[0]!["mediaType"]?.GetValue<string>());
        Assert.Equal(built.Reference, annotations["io.containerd.image.name"]?.GetValue<string>());
        Assert.Equal(built.Tag, annotations["org.opencontainers.image.ref.name"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_DockerManifest_NamesTheOciManifestsConfigAndLayers(string name)
    {
        var archive = images.Archive(name);
        var docker = Assert.Single(archive.DockerManifest.AsArray())!;

        Assert.Equal(ImageArchive.BlobPath(archive.ConfigDigest), docker["Config"]?.GetValue<string>());
        Assert.Equal(archive.LayerDigests.Select(ImageArchive.BlobPath), JsonStrings.Of(docker["Layers"]));
        Assert.Equal(new[] { archive.Index["manifests"]![0]!["annotations"]!["io.containerd.image.name"]!.GetValue<string>() }, JsonStrings.Of(docker["RepoTags"]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_EveryBlob_MatchesItsDigestAndDescriptorSize(string name)
    {
        var archive = images.Archive(name);
        var blobs = archive.Entries.Where(entry => entry.Type != TarEntryType.Directory && entry.Name.StartsWith("blobs/", StringComparison.Ordinal)).ToList();
        var descriptors = archive.Manifest["layers"]!.AsArray().Append(archive.Manifest["config"]).Append(archive.Index["manifests"]![0]).ToList();

        Assert.Equal(descriptors.Count, blobs.Count);
        Assert.All(descriptors, descriptor =>
        {
            var bytes = archive.Blob(descriptor!["digest"]!.GetValue<string>());
            Assert.Equal($"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}", descriptor["digest"]!.GetValue<string>());
            Assert.Equal(descriptor["size"]!.GetValue<long>(), bytes.LongLength);
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_ConfigDiffIds_AreTheUncompressedLayerDigests(string name)
    {
        var archive = images.Archive(name);
        var diffIds = JsonStrings.Of(archive.Config["rootfs"]!["diff_ids"]);

        Assert.Equal(archive.LayerDigests.Count, diffIds.Length);
        Assert.Equal(Enumerable.Range(0, diffIds.Length).Select(archive.UncompressedLayerDigest), diffIds);
        Assert.Equal(diffIds.Length, archive.Config["history"]!.AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Archive_TarEntries_AreSortedRootOwnedAndStampedAtCreation(string name)
    {
        var archive = images.Archive(name);
        var created = DateTimeOffset.Parse(archive.Config["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var names = archive.Entries.Select(entry => entry.Name).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.All(archive.Entries, entry => Assert.Equal((0, 0, created), (entry.Uid, entry.Gid, entry.ModificationTime)));
        Assert.Contains("index.json", names);
        Assert.Contains("manifest.json", names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Catalog_Entry_MatchesItsArchive(string name)
    {
        var archive = images.Archive(name);
        var built = images.Catalog.Single(image => image.Archive.EndsWith($"/{name}.tar", StringComparison.Ordinal));
        var expectedName = name == "pause" ? "localhost/s1identityk8s/pause" : $"{ExpectedImage.Registry}/{name}";

        Assert.Equal(expectedName, built.Name);
        Assert.Equal(name == "pause" ? "1.0" : ExpectedImage.Version, built.Tag);
        Assert.Equal($"{built.Name}:{built.Tag}", built.Reference);
        Assert.Equal(archive.ManifestDigest, built.ManifestDigest);
        Assert.Equal(archive.ConfigDigest, built.ConfigDigest);
        Assert.Equal(new FileInfo(archive.ArchivePath).Length, built.Size);
    }
}
