using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Polls an apiserver's <c>/readyz</c> until it answers 200, one of its processes dies, or time runs out.</summary>
internal static class ApiServerReadiness
{
    /// <param name="server">The apiserver's URL.</param>
    /// <param name="caPem">The CA its serving certificate must chain to.</param>
    /// <param name="token">A bearer token to ask with.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="processes">Processes whose exit ends the wait with their log (etcd, the apiserver).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task WaitAsync(
        Uri server,
        string caPem,
        string token,
        TimeSpan timeout,
        IReadOnlyList<SupervisedProcess> processes,
        CancellationToken cancellationToken)
    {
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => ChainsTo(certificate, ca),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var readyz = new Uri(server, "/readyz");
        var last = "no answer";
        while (true)
        {
            if (processes.FirstOrDefault(p => p.Exited.IsCompleted) is { } dead)
            {
                throw new InvalidOperationException(
                    $"{dead.Name} exited with code {await dead.Exited} while starting:\n{dead.LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(readyz, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(deadline.Token)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (deadline.IsCancellationRequested)
                {
                    var logs = string.Join('\n', processes.Select(p => $"--- {p.Name}\n{p.LogTail()}"));
                    throw new TimeoutException($"{server} was not ready within {timeout}: {last}\n{logs}");
                }

                last = "request timed out";
            }

            await Task.Delay(ClusterWait.DefaultInterval, deadline.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static bool ChainsTo(X509Certificate2? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
