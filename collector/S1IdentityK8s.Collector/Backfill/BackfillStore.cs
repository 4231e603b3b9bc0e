using S1IdentityK8s.Collector.Storage;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Backfills beside the checkpoint: <c>{stateDirectory}/backfills/&lt;name&gt;.json</c>, one file per
/// backfill, each replaced atomically on every change. Names are restricted to
/// <see cref="BackfillValidator.NamePattern"/>, so a name is always a safe file name.
/// </summary>
public sealed class BackfillStore : IBackfillStore
{
    /// <summary>Opens the store under <paramref name="stateDirectory"/> (the folder is created on first save).</summary>
    public BackfillStore(string stateDirectory) => Directory = Path.Combine(stateDirectory, "backfills");

    /// <summary>The folder holding the files.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public (IReadOnlyList<BackfillRecord> Records, IReadOnlyList<(string Path, string Error)> Unreadable) LoadAll()
    {
        var records = new List<BackfillRecord>();
        var unreadable = new List<(string, string)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return (records, unreadable);
        }
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            try
            {
                records.Add(BackfillRecordJson.Deserialize(File.ReadAllBytes(path)));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                unreadable.Add((path, e.Message));
            }
        }
        return (records, unreadable);
    }

    /// <inheritdoc />
    public Task SaveAsync(BackfillRecord record, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return AtomicFile.WriteAsync(PathFor(record.Name), BackfillRecordJson.Serialize(record), cancellationToken);
    }

    /// <summary>The file of the backfill called <paramref name="name"/>.</summary>
    public string PathFor(string name) => Path.Combine(Directory, name + ".json");
}
