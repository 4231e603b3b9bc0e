using k8s.Models;

namespace S1IdentityK8s.PodRunner.Volumes;

/// <summary>
/// The volumes of one pod under <c>POD_DIR/volumes/NAME</c>: emptyDir as a plain folder, hostPath as the
/// host's path, the API-backed kinds written with <see cref="AtomicWriter"/> and rewritten when the
/// ConfigMap or Secret they read changes.
/// </summary>
public sealed class PodVolumes(V1Pod pod, string podDirectory, VolumePayloads payloads)
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);

    /// <summary>Volume name → host path, once <see cref="MaterialiseAsync"/> succeeded.</summary>
    public IReadOnlyDictionary<string, string> Paths => _paths;

    /// <summary>
    /// Writes every volume; throws <see cref="VolumeSourceMissingException"/> when a non-optional source is
    /// missing (the pod then waits, as with the kubelet).
    /// </summary>
    public async Task MaterialiseAsync(CancellationToken cancellationToken)
    {
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            _paths[volume.Name] = await WriteAsync(volume, cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites the volumes that read <paramref name="reference"/> (<c>ConfigMap/NAME</c> or
    /// <c>Secret/NAME</c>); returns the names of the volumes whose content changed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(string reference, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        foreach (var volume in (pod.Spec.Volumes ?? []).Where(v => VolumePayloads.References(v).Contains(reference)))
        {
            var files = await payloads.BuildAsync(volume, cancellationToken);
            if (files is not null && new AtomicWriter(VolumePath(volume.Name)).Write(files))
            {
                changed.Add(volume.Name);
            }
        }

        return changed;
    }

    private string VolumePath(string name) => Path.Combine(podDirectory, "volumes", name);

    private async Task<string> WriteAsync(V1Volume volume, CancellationToken cancellationToken)
    {
        if (volume.HostPath is { } hostPath)
        {
            if (hostPath.Type is "DirectoryOrCreate")
            {
                Directory.CreateDirectory(hostPath.Path);
            }

            return hostPath.Path;
        }

        var path = VolumePath(volume.Name);
        var files = await payloads.BuildAsync(volume, cancellationToken);
        if (files is null)
        {
            // emptyDir, and any kind this runner does not know (PVCs, ...): an empty folder.
            Directory.CreateDirectory(path);
        }
        else
        {
            new AtomicWriter(path).Write(files);
        }

        return path;
    }
}
