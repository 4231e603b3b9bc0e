using System.Text;
using k8s;
using k8s.Models;
using S1IdentityK8s.PodRunner.Pods;

namespace S1IdentityK8s.PodRunner.Volumes;

/// <summary>
/// Builds the files of the API-backed volumes (configMap, secret, downwardAPI, projected) of one pod,
/// reading the objects they name at that moment.
/// </summary>
public sealed class VolumePayloads(ApiObjectReader reader, V1Pod pod, string podIp, string hostIp)
{
    private string Namespace => pod.Metadata.NamespaceProperty;

    /// <summary>What a volume holding a projected service account token depends on: time.</summary>
    public const string TokenReference = "ServiceAccountToken";

    /// <summary>
    /// The objects <paramref name="volume"/> reads, as <c>ConfigMap/NAME</c> or <c>Secret/NAME</c>, and
    /// <see cref="TokenReference"/> when it holds a token that expires.
    /// </summary>
    public static IEnumerable<string> References(V1Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.ConfigMap is { } configMap)
        {
            yield return $"ConfigMap/{configMap.Name}";
        }

        if (volume.Secret is { } secret)
        {
            yield return $"Secret/{secret.SecretName}";
        }

        foreach (var source in volume.Projected?.Sources ?? [])
        {
            if (source.ConfigMap is { } projectedMap)
            {
                yield return $"ConfigMap/{projectedMap.Name}";
            }

            if (source.Secret is { } projectedSecret)
            {
                yield return $"Secret/{projectedSecret.Name}";
            }

            if (source.ServiceAccountToken is not null)
            {
                yield return TokenReference;
            }
        }
    }

    /// <summary>The files of <paramref name="volume"/>, or null when it is not an API-backed kind.</summary>
    public async Task<IReadOnlyDictionary<string, VolumeFile>?> BuildAsync(V1Volume volume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        if (volume.ConfigMap is { } configMap)
        {
            var mode = VolumeFile.ModeFrom(configMap.DefaultMode, VolumeFile.DefaultMode);
            await AddConfigMapAsync(files, configMap.Name, configMap.Items, configMap.Optional, mode, cancellationToken);
        }
        else if (volume.Secret is { } secret)
        {
            var mode = VolumeFile.ModeFrom(secret.DefaultMode, VolumeFile.DefaultMode);
            await AddSecretAsync(files, secret.SecretName, secret.Items, secret.Optional, mode, cancellationToken);
        }
        else if (volume.DownwardAPI is { } downward)
        {
            AddDownward(files, downward.Items, VolumeFile.ModeFrom(downward.DefaultMode, VolumeFile.DefaultMode));
        }
        else if (volume.Projected is { } projected)
        {
            var mode = VolumeFile.ModeFrom(projected.DefaultMode, VolumeFile.DefaultMode);
            foreach (var source in projected.Sources ?? [])
            {
                if (source.ConfigMap is { } c)
                {
                    await AddConfigMapAsync(files, c.Name, c.Items, c.Optional, mode, cancellationToken);
                }
                else if (source.Secret is { } s)
                {
                    await AddSecretAsync(files, s.Name, s.Items, s.Optional, mode, cancellationToken);
                }
                else if (source.DownwardAPI is { } d)
                {
                    AddDownward(files, d.Items, mode);
                }
                else if (source.ServiceAccountToken is { } token)
                {
                    files[token.Path] = new VolumeFile(Encoding.UTF8.GetBytes(await RequestTokenAsync(token, cancellationToken)), mode);
                }
            }
        }
        else
        {
            return null;
        }

        return files;
    }

    private static void Project(
        Dictionary<string, VolumeFile> files, IDictionary<string, byte[]> data, IList<V1KeyToPath>? items,
        bool optional, UnixFileMode mode, string what)
    {
        if (items is null || items.Count == 0)
        {
            foreach (var (key, value) in data)
            {
                files[key] = new VolumeFile(value, mode);
            }

            return;
        }

        foreach (var item in items)
        {
            if (data.TryGetValue(item.Key, out var value))
            {
                files[item.Path] = new VolumeFile(value, VolumeFile.ModeFrom(item.Mode, mode));
            }
            else if (!optional)
            {
                throw new VolumeSourceMissingException($"{what} has no key '{item.Key}'");
            }
        }
    }

    private async Task AddConfigMapAsync(
        Dictionary<string, VolumeFile> files, string name, IList<V1KeyToPath>? items, bool? optional,
        UnixFileMode mode, CancellationToken cancellationToken)
    {
        var configMap = await reader.ConfigMapAsync(Namespace, name, cancellationToken);
        if (configMap is null)
        {
            if (optional == true)
            {
                return;
            }

            throw new VolumeSourceMissingException($"configmap \"{name}\" not found");
        }

        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap.BinaryData ?? new Dictionary<string, byte[]>())
        {
            data[key] = value;
        }

        Project(files, data, items, optional == true, mode, $"configmap \"{name}\"");
    }

    private async Task AddSecretAsync(
        Dictionary<string, VolumeFile> files, string name, IList<V1KeyToPath>? items, bool? optional,
        UnixFileMode mode, CancellationToken cancellationToken)
    {
        var secret = await reader.SecretAsync(Namespace, name, cancellationToken);
        if (secret is null)
        {
            if (optional == true)
            {
                return;
            }

            throw new VolumeSourceMissingException($"secret \"{name}\" not found");
        }

        Project(files, secret.Data ?? new Dictionary<string, byte[]>(), items, optional == true, mode, $"secret \"{name}\"");
    }

    private void AddDownward(Dictionary<string, VolumeFile> files, IList<V1DownwardAPIVolumeFile>? items, UnixFileMode mode)
    {
        foreach (var item in items ?? [])
        {
            var value = item.FieldRef is { } field
                ? PodFieldResolver.Field(pod, field.FieldPath, podIp, hostIp)
                : PodFieldResolver.Resource(pod, null, item.ResourceFieldRef);
            files[item.Path] = new VolumeFile(Encoding.UTF8.GetBytes(value), VolumeFile.ModeFrom(item.Mode, mode));
        }
    }

    private async Task<string> RequestTokenAsync(V1ServiceAccountTokenProjection projection, CancellationToken cancellationToken)
    {
        var request = new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec
            {
                Audiences = string.IsNullOrEmpty(projection.Audience) ? [] : [projection.Audience],
                ExpirationSeconds = projection.ExpirationSeconds ?? 3600,
                BoundObjectRef = new V1BoundObjectReference
                {
                    ApiVersion = "v1",
                    Kind = "Pod",
                    Name = pod.Metadata.Name,
                    Uid = pod.Metadata.Uid,
                },
            },
        };
        var answer = await reader.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            request, pod.Spec.ServiceAccountName ?? "default", Namespace, cancellationToken: cancellationToken);
        return answer.Status.Token;
    }
}
