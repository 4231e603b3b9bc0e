using System.Net;
using k8s;
using k8s.Autorest;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A namespace that belongs to one test: created with a unique name, deleted (without waiting) on
/// dispose. Without a controller-manager the deleted namespace stays Terminating; nothing reuses its name.
/// </summary>
public sealed class TestNamespace : IAsyncDisposable
{
    private readonly IKubernetes _client;

    internal TestNamespace(IKubernetes client, string name)
    {
        _client = client;
        Name = name;
    }

    /// <summary>The namespace's name.</summary>
    public string Name { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await NamespaceEvidence.RecordAsync(_client, Name);
            await _client.CoreV1.DeleteNamespaceAsync(Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: the test deleted it itself.
        }
        catch (HttpRequestException)
        {
            // The cluster is gone (a test stopped it); nothing is left to clean.
        }
    }

    public override string ToString() => Name;
}
