using System.Collections.Concurrent;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Records, in order, the requests a client sends: the mutating ones (POST, PUT, PATCH, DELETE), so a test
/// can attribute every API write to the operator rather than infer it from resourceVersions, and name them
/// when it fails; and, told by the controller, the start of each reconcile (which reads the cache as of then).
/// </summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(bool Write, string Request)> _requests = new();

    /// <summary>
    /// The writes so far into namespace <paramref name="ns"/>, as "METHOD path". A test's operator watches
    /// every namespace, including earlier tests' that are still being deleted: only its own count.
    /// </summary>
    public IReadOnlyList<string> WritesIn(string ns) => [.. In(ns).Where(r => r.Write).Select(r => r.Request)];

    /// <summary>How many reconciles of intakes in namespace <paramref name="ns"/> started so far.</summary>
    public int ReconcilesIn(string ns) => In(ns).Count(r => !r.Write);

    /// <summary>Records that the reconcile of <paramref name="key"/> (namespace/name) starts.</summary>
    public void Reconciling(string key) => _requests.Enqueue((false, $"RECONCILE /namespaces/{key[..key.IndexOf('/', StringComparison.Ordinal)]}/"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
        {
            _requests.Enqueue((true, $"{request.Method} {path}"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private List<(bool Write, string Request)> In(string ns) =>
        [.. _requests.Where(r => r.Request.Contains($"/namespaces/{ns}/", StringComparison.Ordinal))];
}
