using System.Collections.Concurrent;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Records the mutating requests (POST, PUT, PATCH, DELETE) a client sends, so a test can attribute
/// every API write to the operator rather than infer it from resourceVersions, and name them when it fails.
/// </summary>
internal sealed class WriteCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>
    /// The requests so far into namespace <paramref name="ns"/>, as "METHOD path". A test's operator watches
    /// every namespace, including earlier tests' that are still being deleted: only its own count.
    /// </summary>
    public IReadOnlyList<string> In(string ns) => [.. _requests.Where(r => r.Contains($"/namespaces/{ns}/", StringComparison.Ordinal))];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
        {
            _requests.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
