using System.Globalization;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>
/// Debian's real <c>prometheus</c> on a free loopback port, its configuration and storage in a scratch
/// folder: it scrapes the given targets every second and evaluates a rules file every second. Disposal
/// stops it and deletes the folder.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private readonly ScratchDirectory _root;
    private readonly HttpClient _http;

    private PrometheusServer(ScratchDirectory root, ChildProcess process, int port)
    {
        _root = root;
        Process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    /// <summary>The server process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Starts it with the rules file at <paramref name="rulesFile"/>, scraping <paramref name="targets"/> (their /metrics).</summary>
    public static async Task<PrometheusServer> StartAsync(string rulesFile, params Uri[] targets)
    {
        var root = new ScratchDirectory("prometheus");
        var port = FreePorts.Take(1)[0];
        var targetList = string.Join(", ", targets.Select(t => $"'{t.Authority}'"));
        // honor_labels as the chart's monitors set it: the collector's namespace and intake labels win.
        await File.WriteAllTextAsync(root.File("prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ['{rulesFile}']
            scrape_configs:
              - job_name: s1identity
                honor_labels: true
                static_configs:
                  - targets: [{targetList}]
            """);
        var process = new ChildProcess(Promtool.Find("prometheus"),
        [
            $"--config.file={root.File("prometheus.yml")}",
            $"--storage.tsdb.path={root.File("data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        ]);
        try
        {
            await process.WaitForOutputAsync(l => l.Contains("Server is ready to receive web requests", StringComparison.Ordinal), StartPatience);
            return new PrometheusServer(root, process, port);
        }
        catch
        {
            await process.DisposeAsync();
            root.Dispose();
            throw;
        }
    }

    /// <summary>The alerts of <c>/api/v1/alerts</c> (pending and firing).</summary>
    public async Task<JsonArray> AlertsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/v1/alerts", UriKind.Relative), cancellationToken))!;
        return body["data"]!["alerts"]!.AsArray();
    }

    /// <summary>Polls <c>/api/v1/alerts</c> until <paramref name="alertName"/> fires, and returns it.</summary>
    public async Task<JsonObject> WaitForFiringAsync(string alertName, TimeSpan timeout)
    {
        try
        {
            return (await ClusterWait.ForAsync<JsonObject>(
                async t => (await AlertsAsync(t)).OfType<JsonObject>().FirstOrDefault(a =>
                    a["labels"]?["alertname"]?.GetValue<string>() == alertName && a["state"]?.GetValue<string>() == "firing"),
                alert => alert is not null, timeout, $"{alertName} firing", TimeSpan.FromMilliseconds(500)))!;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nalerts: {await AlertsAsync()}\nprometheus output:\n{Process.OutputText}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Process.DisposeAsync();
        _root.Dispose();
    }
}
