using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Probes;

/// <summary>
/// One attempt of a probe against the real process: httpGet (2xx/3xx), tcpSocket (connects), grpc
/// (grpc.health.v1 Check answers SERVING) or exec (exits 0), bounded by timeoutSeconds.
/// </summary>
public static class ProbeCheck
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        // HTTPS probes skip verification, like the kubelet's.
#pragma warning disable CA5359
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        AllowAutoRedirect = false,
    });

    /// <summary>Whether the probe passes now.</summary>
    public static async Task<bool> RunAsync(V1Probe probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 ? probe.TimeoutSeconds.Value : 1));
        try
        {
            if (probe.HttpGet is { } http)
            {
                return await HttpAsync(http, target, timeout.Token);
            }

            if (probe.TcpSocket is { } tcp)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(tcp.Host ?? target.PodIp, target.Port(tcp.Port), timeout.Token);
                return true;
            }

            if (probe.Grpc is { } grpc)
            {
                using var channel = GrpcChannel.ForAddress($"http://{target.PodIp}:{grpc.Port.ToString(CultureInfo.InvariantCulture)}");
                var reply = await new Health.HealthClient(channel).CheckAsync(
                    new HealthCheckRequest { Service = grpc.Service ?? "" }, cancellationToken: timeout.Token);
                return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
            }

            if (probe.Exec is { } exec)
            {
                return await ExecAsync(exec.Command, target, timeout.Token);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> HttpAsync(V1HTTPGetAction http, ProbeTarget target, CancellationToken cancellationToken)
    {
        var scheme = string.Equals(http.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var path = string.IsNullOrEmpty(http.Path) ? "/" : http.Path;
        var uri = new Uri($"{scheme}://{http.Host ?? target.PodIp}:{target.Port(http.Port).ToString(CultureInfo.InvariantCulture)}{(path.StartsWith('/') ? path : "/" + path)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd("kube-probe/1.20");
        foreach (var header in http.HttpHeaders ?? [])
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode is >= 200 and < 400;
    }

    private static async Task<bool> ExecAsync(IList<string> command, ProbeTarget target, CancellationToken cancellationToken)
    {
        // Inside the container's mount and PID namespaces when it still runs, so the command sees its mounts.
        var info = new ProcessStartInfo("/usr/bin/nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment.Clear();
        foreach (var (key, value) in target.Environment)
        {
            info.Environment[key] = value;
        }

        var pid = target.AppPid() ?? throw new InvalidOperationException("the container is not running");
        foreach (var argument in new[] { "--target", pid.ToString(CultureInfo.InvariantCulture), "--mount", "--pid", "--" }.Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the exec probe");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(output, errors);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
