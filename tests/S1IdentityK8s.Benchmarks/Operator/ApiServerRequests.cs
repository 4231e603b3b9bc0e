using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Benchmarks.Operator;

/// <summary>
/// The apiserver's own count of the requests it served (<c>apiserver_request_total</c> from its
/// <c>/metrics</c>), by verb and resource: server-side, so nothing a client does can hide a write. Read
/// twice, the difference is what happened in between.
/// </summary>
public sealed partial class ApiServerRequests
{
    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal) { "GET", "LIST", "WATCH", "CONNECT" };

    private ApiServerRequests(IReadOnlyDictionary<(string Verb, string Resource), double> counts) => Counts = counts;

    /// <summary>Requests served so far, by (verb, resource[/subresource]).</summary>
    public IReadOnlyDictionary<(string Verb, string Resource), double> Counts { get; }

    /// <summary>Reads the counters with kubectl as admin.</summary>
    public static async Task<ApiServerRequests> ReadAsync(KubectlRunner kubectl)
    {
        var result = await kubectl.RunAsync("get", "--raw", "/metrics");
        result.EnsureSuccess();
        var counts = new Dictionary<(string, string), double>();
        foreach (Match m in Sample().Matches(result.StandardOutput))
        {
            var labels = m.Groups["labels"].Value;
            string Label(string name) => Regex.Match(labels, name + "=\"([^\"]*)\"").Groups[1].Value;
            var resource = Label("resource") + (Label("subresource") is { Length: > 0 } sub ? "/" + sub : "");
            var key = (Label("verb"), resource);
            counts[key] = counts.GetValueOrDefault(key) + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return new ApiServerRequests(counts);
    }

    /// <summary>
    /// Writes (every verb but GET, LIST, WATCH and CONNECT) served since <paramref name="before"/>, by
    /// "VERB resource" (e.g. <c>PUT leases</c>, <c>APPLY configmaps</c>, <c>PATCH sentineloneidentityintakes/status</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> WritesSince(ApiServerRequests before) =>
        Counts.Where(c => !ReadVerbs.Contains(c.Key.Verb))
            .Select(c => (c.Key, Delta: c.Value - before.Counts.GetValueOrDefault(c.Key)))
            .Where(c => c.Delta > 0)
            .ToDictionary(c => $"{c.Key.Verb} {c.Key.Resource}", c => c.Delta, StringComparer.Ordinal);

    /// <summary>Reads (GET, LIST, WATCH) served since <paramref name="before"/>.</summary>
    public double ReadsSince(ApiServerRequests before) =>
        Counts.Where(c => ReadVerbs.Contains(c.Key.Verb)).Sum(c => c.Value - before.Counts.GetValueOrDefault(c.Key));

    [GeneratedRegex(@"^apiserver_request_total\{(?<labels>[^}]*)\} (?<value>[-+eE0-9.]+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
