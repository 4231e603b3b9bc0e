using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Reads the <see cref="ClusterConnection"/> of a kubeconfig's current context: the cluster's <c>server</c>,
/// <c>certificate-authority</c>(<c>-data</c>) and <c>insecure-skip-tls-verify</c>; the user's <c>token</c>,
/// <c>tokenFile</c>, <c>client-certificate</c>(<c>-data</c>) and <c>client-key</c>(<c>-data</c>). Anything
/// else in the cluster or user entry (exec and auth-provider plugins, basic auth, impersonation, proxies) is
/// refused with an error naming the field, rather than silently connecting differently than kubectl would.
/// Relative file paths are relative to the kubeconfig's directory, as kubectl's.
/// </summary>
public static class KubeconfigReader
{
    private static readonly HashSet<string> ClusterFields =
        ["server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify", "extensions"];

    private static readonly HashSet<string> UserFields =
        ["token", "tokenFile", "client-certificate", "client-certificate-data", "client-key", "client-key-data", "extensions"];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="FormatException"/> naming what is missing or unsupported.</summary>
    public static ClusterConnection Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"kubeconfig {path} is not valid YAML: {e.Message}", e);
        }
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var current = Scalar(root, "current-context") ?? throw Error(path, "current-context", "is not set");
        var context = Named(root, "contexts", current, "context", path);
        var clusterName = Scalar(context, "cluster") ?? throw Error(path, $"contexts[{current}].context.cluster", "is not set");
        var userName = Scalar(context, "user");
        var cluster = Named(root, "clusters", clusterName, "cluster", path);
        var user = userName is null ? null : Named(root, "users", userName, "user", path);
        RefuseOthers(cluster, ClusterFields, $"clusters[{clusterName}].cluster", path);
        RefuseOthers(user, UserFields, $"users[{userName}].user", path);

        var server = Scalar(cluster, "server") ?? throw Error(path, $"clusters[{clusterName}].cluster.server", "is not set");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || (serverUri.Scheme != Uri.UriSchemeHttps && serverUri.Scheme != Uri.UriSchemeHttp))
        {
            throw Error(path, $"clusters[{clusterName}].cluster.server", "is not an http(s) URL");
        }
        var field = $"users[{userName}].user";
        return new ClusterConnection
        {
            Server = serverUri,
            CertificateAuthority = Pem(cluster, "certificate-authority", directory, $"clusters[{clusterName}].cluster", path) is { } caPem
                ? Certificates(caPem, path, $"clusters[{clusterName}].cluster.certificate-authority")
                : null,
            SkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") is { } skip && bool.TryParse(skip, out var yes) && yes,
            Token = Token(user, directory, field, path),
            ClientCertificate = ClientCertificate(user, directory, field, path),
        };
    }

    private static BearerToken? Token(YamlMappingNode? user, string directory, string field, string path)
    {
        if (Scalar(user, "token") is { Length: > 0 } token)
        {
            return BearerToken.Fixed(token);
        }
        if (Scalar(user, "tokenFile") is not { Length: > 0 } tokenFile)
        {
            return null;
        }
        var fromFile = BearerToken.FromFile(Path.Combine(directory, tokenFile));
        try
        {
            // Read once now, so that a missing file fails at start rather than at the first request.
            _ = fromFile.Current();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(path, $"{field}.tokenFile", $"cannot be read ({e.Message})");
        }
        return fromFile;
    }

    private static X509Certificate2? ClientCertificate(YamlMappingNode? user, string directory, string field, string path)
    {
        var certificate = Pem(user, "client-certificate", directory, field, path);
        var key = Pem(user, "client-key", directory, field, path);
        if (certificate is null && key is null)
        {
            return null;
        }
        if (certificate is null || key is null)
        {
            throw Error(path, $"{field}.{(certificate is null ? "client-certificate" : "client-key")}", "is not set (a client certificate needs both)");
        }
        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw Error(path, $"{field}.client-certificate", $"and client-key are not a PEM certificate and its key ({e.Message})");
        }
    }

    private static X509Certificate2Collection Certificates(string pem, string path, string field)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw Error(path, field, $"is not PEM certificates ({e.Message})");
        }
        return certificates.Count > 0 ? certificates : throw Error(path, field, "holds no PEM certificate");
    }

    // A PEM value given inline (<name>-data, base64) or as a file (<name>); the inline one wins, as in kubectl.
    private static string? Pem(YamlMappingNode? entry, string name, string directory, string field, string path)
    {
        if (Scalar(entry, name + "-data") is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException)
            {
                throw Error(path, $"{field}.{name}-data", "is not base64");
            }
        }
        if (Scalar(entry, name) is { Length: > 0 } file)
        {
            try
            {
                return File.ReadAllText(Path.Combine(directory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Error(path, $"{field}.{name}", $"cannot be read ({e.Message})");
            }
        }
        return null;
    }

    private static YamlMappingNode? Named(YamlMappingNode? root, string list, string name, string entry, string path)
    {
        if (root?.Children.TryGetValue(new YamlScalarNode(list), out var node) == true && node is YamlSequenceNode items)
        {
            foreach (var item in items.OfType<YamlMappingNode>())
            {
                if (Scalar(item, "name") == name)
                {
                    return item.Children.TryGetValue(new YamlScalarNode(entry), out var value) ? value as YamlMappingNode : null;
                }
            }
        }
        throw Error(path, $"{list}[{name}]", "does not exist");
    }

    private static void RefuseOthers(YamlMappingNode? entry, HashSet<string> supported, string field, string path)
    {
        foreach (var key in entry?.Children.Keys.OfType<YamlScalarNode>() ?? [])
        {
            if (key.Value is { } name && !supported.Contains(name))
            {
                throw Error(path, $"{field}.{name}", "is not supported by the collector");
            }
        }
    }

    private static string? Scalar(YamlMappingNode? mapping, string key) =>
        mapping?.Children.TryGetValue(new YamlScalarNode(key), out var node) == true ? (node as YamlScalarNode)?.Value : null;

    private static FormatException Error(string path, string field, string problem) => new($"kubeconfig {path}: {field} {problem}");
}
