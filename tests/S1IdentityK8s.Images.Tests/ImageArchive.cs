using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// An image archive read whole into memory: its entries, the OCI index, manifest and config, Docker's
/// <c>manifest.json</c>, and each layer's entries (read on first use).
/// </summary>
public sealed class ImageArchive
{
    private readonly Dictionary<string, byte[]> _files;
    private readonly Dictionary<int, IReadOnlyList<LayerEntry>> _layers = [];

    private ImageArchive(string path, IReadOnlyList<ArchiveEntry> entries, Dictionary<string, byte[]> files)
    {
        ArchivePath = path;
        Entries = entries;
        _files = files;
    }

    /// <summary>The archive file.</summary>
    public string ArchivePath { get; }

    /// <summary>The archive's tar entries, in order.</summary>
    public IReadOnlyList<ArchiveEntry> Entries { get; }

    /// <summary><c>index.json</c>, the OCI image index.</summary>
    public JsonNode Index => Json("index.json");

    /// <summary><c>manifest.json</c>, what <c>docker load</c> reads.</summary>
    public JsonNode DockerManifest => Json("manifest.json");

    /// <summary>The digest of the one manifest the index lists.</summary>
    public string ManifestDigest => Text(Index["manifests"]![0]!["digest"]);

    /// <summary>The OCI image manifest.</summary>
    public JsonNode Manifest => Json(BlobPath(ManifestDigest));

    /// <summary>The digest of the image config.</summary>
    public string ConfigDigest => Text(Manifest["config"]!["digest"]);

    /// <summary>The image config (<c>config</c>, <c>rootfs</c>, <c>history</c>, ...).</summary>
    public JsonNode Config => Json(BlobPath(ConfigDigest));

    /// <summary>The layers' (compressed) digests, base first.</summary>
    public IReadOnlyList<string> LayerDigests =>
        [.. Manifest["layers"]!.AsArray().Select(layer => Text(layer!["digest"]))];

    /// <summary>Reads an archive file.</summary>
    public static ImageArchive Read(string path)
    {
        var entries = new List<ArchiveEntry>();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(new ArchiveEntry(entry.Name, entry.EntryType, entry.Uid, entry.Gid, entry.ModificationTime));
            if (entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files[entry.Name] = copy.ToArray();
            }
        }

        return new ImageArchive(path, entries, files);
    }

    /// <summary>The archive path of a blob: <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    public static string BlobPath(string digest) => $"blobs/sha256/{digest["sha256:".Length..]}";

    /// <summary>A file of the archive, or null when it has none of that name.</summary>
    public byte[]? Content(string name) => _files.GetValueOrDefault(name);

    /// <summary>The bytes of a blob.</summary>
    public byte[] Blob(string digest) =>
        Content(BlobPath(digest)) ?? throw new InvalidDataException($"{ArchivePath} has no blob {digest}");

    /// <summary>The digest of layer <paramref name="index"/> once uncompressed (what the config's diff_ids list).</summary>
    public string UncompressedLayerDigest(int index)
    {
        using var gzip = new GZipStream(new MemoryStream(Blob(LayerDigests[index])), CompressionMode.Decompress);
        return $"sha256:{Convert.ToHexStringLower(SHA256.HashData(gzip))}";
    }

    /// <summary>The entries of layer <paramref name="index"/> (0 is the base), in order.</summary>
    public IReadOnlyList<LayerEntry> Layer(int index)
    {
        lock (_layers)
        {
            if (!_layers.TryGetValue(index, out var entries))
            {
                entries = ReadLayer(Blob(LayerDigests[index]));
                _layers[index] = entries;
            }

            return entries;
        }
    }

    /// <summary>What a path is in the image (the last layer that has it wins), or null.</summary>
    public LayerEntry? Find(string path) =>
        Enumerable.Range(0, LayerDigests.Count).Reverse()
            .Select(index => Layer(index).LastOrDefault(entry => entry.Path == path))
            .FirstOrDefault(entry => entry is not null);

    /// <summary>Every entry of every layer.</summary>
    public IEnumerable<LayerEntry> AllLayerEntries() =>
        Enumerable.Range(0, LayerDigests.Count).SelectMany(Layer);

    private static List<LayerEntry> ReadLayer(byte[] blob)
    {
        var entries = new List<LayerEntry>();
        using var gzip = new GZipStream(new MemoryStream(blob), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            byte[]? content = null;
            if (entry.DataStream is { } data && entry.Length <= LayerEntry.MaxKeptContent)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                content = copy.ToArray();
            }

            entries.Add(new LayerEntry(LayerEntry.Normalize(entry.Name), entry.EntryType, entry.Uid, entry.Gid,
                entry.Mode, entry.Length, entry.LinkName, content));
        }

        return entries;
    }

    private JsonNode Json(string name) =>
        JsonNode.Parse(Content(name) ?? throw new InvalidDataException($"{ArchivePath} has no {name}"))
        ?? throw new InvalidDataException($"{name} of {ArchivePath} is null");

    private static string Text(JsonNode? node) =>
        node?.GetValue<string>() ?? throw new InvalidDataException("missing string in image JSON");
}
