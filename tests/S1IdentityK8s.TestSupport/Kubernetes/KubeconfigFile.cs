using System.Text;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Writes a one-cluster, one-user kubeconfig that authenticates with a bearer token.</summary>
internal static class KubeconfigFile
{
    /// <summary>Writes the kubeconfig to <paramref name="path"/> (mode 0600) and returns the path.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="server">The apiserver URL.</param>
    /// <param name="caPem">The CA certificate(s) the server's certificate chains to; null to use none.</param>
    /// <param name="skipTlsVerify">Whether clients skip verifying the server's certificate.</param>
    /// <param name="userName">The user entry's name (informational).</param>
    /// <param name="token">The bearer token.</param>
    public static string Write(string path, Uri server, string? caPem, bool skipTlsVerify, string userName, string token)
    {
        var cluster = new StringBuilder();
        cluster.Append("    server: ").Append(server.ToString().TrimEnd('/')).Append('\n');
        if (caPem is not null)
        {
            cluster.Append("    certificate-authority-data: ")
                .Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem)))
                .Append('\n');
        }

        if (skipTlsVerify)
        {
            cluster.Append("    insecure-skip-tls-verify: true\n");
        }

        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: s1k8s
              cluster:
            {cluster.ToString().TrimEnd('\n')}
            users:
            - name: {userName}
              user:
                token: {token}
            contexts:
            - name: s1k8s
              context:
                cluster: s1k8s
                user: {userName}
            current-context: s1k8s

            """;
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text);
        return path;
    }
}
