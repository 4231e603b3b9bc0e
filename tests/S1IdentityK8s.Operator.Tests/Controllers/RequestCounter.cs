using System.Collections.Concurrent;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Records, in order, the requests a client sends: the mutating ones (POST, PUT, PATCH, DELETE), so a test
/// can attribute every API write to the operator rather than infer it from resourceVersions, and name them
/// when it fails; and its pod lists, each the sign of a reconcile reading the current pods.
/// </summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(bool Write, string Request)> _requests = new();

    /// <summary>
    /// The writes so far into namespace <paramref name="ns"/>, as "METHOD path". A test's operator watches
    /// every namespace, including earlier tests' that are still being deleted: only its own count.
    /// </summary>
    public IReadOnlyList<string> WritesIn(string ns) => [.. In(ns).Where(r => r.Write).Select(r => r.Request)];

    /// <summary>How many times the pods of namespace <paramref name="ns"/> were listed (not watched) so far.</summary>
    public int PodListsIn(string ns) => In(ns).Count(r => !r.Write);

    /// <summary>
    /// Whether the pods of namespace <paramref name="ns"/> were listed after the last write there: a reconcile
    /// started after that write (and after the echo of a status write), so it has seen it.
    /// </summary>
    public bool ListedSinceLastWriteIn(string ns)
    {
        var requests = In(ns);
        return requests.FindLastIndex(r => !r.Write) > requests.FindLastIndex(r => r.Write);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Method == HttpMethod.Get)
        {
            if (path.EndsWith("/pods", StringComparison.Ordinal) && request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) != true)
            {
                _requests.Enqueue((false, $"GET {path}"));
            }
        }
        else if (request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
        {
            _requests.Enqueue((true, $"{request.Method} {path}"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private List<(bool Write, string Request)> In(string ns) =>
        [.. _requests.Where(r => r.Request.Contains($"/namespaces/{ns}/", StringComparison.Ordinal))];
}
