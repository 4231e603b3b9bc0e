using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary><c>kubectl port-forward TARGET :PORT</c>, as a user runs it, until disposed.</summary>
internal sealed partial class PortForward : IAsyncDisposable
{
    private readonly ChildProcess _kubectl;

    private PortForward(ChildProcess kubectl, int localPort)
    {
        _kubectl = kubectl;
        LocalPort = localPort;
    }

    /// <summary>The local port kubectl picked on 127.0.0.1.</summary>
    public int LocalPort { get; }

    /// <summary>Starts forwarding a free local port to <paramref name="remotePort"/> of <paramref name="target"/>.</summary>
    public static async Task<PortForward> StartAsync(KubectlRunner kubectl, string kubectlPath, string namespaceName, string target, int remotePort)
    {
        var process = new ChildProcess(kubectlPath,
        [
            $"--kubeconfig={kubectl.KubeconfigPath}", "port-forward", "-n", namespaceName, target,
            $":{remotePort.ToString(CultureInfo.InvariantCulture)}", "--address=127.0.0.1",
        ]);
        try
        {
            var line = await process.WaitForOutputAsync(l => Forwarding().IsMatch(l), TimeSpan.FromSeconds(60));
            var port = int.Parse(Forwarding().Match(line.Text).Groups[1].Value, CultureInfo.InvariantCulture);
            return new PortForward(process, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _kubectl.DisposeAsync();

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) ->")]
    private static partial Regex Forwarding();
}
