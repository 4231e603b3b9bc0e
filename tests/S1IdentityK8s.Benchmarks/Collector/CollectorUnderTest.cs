using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Benchmarks.Collector;

/// <summary>
/// The real collector binary (see <see cref="CollectorCommand"/>), with a config file
/// holding its defaults except the request budget and what a standalone run on loopback needs: the
/// emulators' addresses (plain http is allowed to 127.0.0.1), its ports and a state directory.
/// </summary>
public sealed class CollectorUnderTest : IAsyncDisposable
{
    private CollectorUnderTest(CollectorProcess process, long startedAt, int grpcPort, string stateDirectory)
    {
        Process = process;
        StartedAt = startedAt;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort.ToString(CultureInfo.InvariantCulture)}");
        StateDirectory = stateDirectory;
    }

    /// <summary>The running process.</summary>
    public CollectorProcess Process { get; }

    /// <summary>When the process was started (<see cref="Stopwatch"/> timestamp, taken just before the fork).</summary>
    public long StartedAt { get; }

    /// <summary>Its gRPC (h2c) address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Its state directory (checkpoint, dead letters).</summary>
    public string StateDirectory { get; }

    /// <summary>Writes the config into <paramref name="workDirectory"/> and starts the collector with <paramref name="command"/>.</summary>
    public static CollectorUnderTest Start(CollectorCommand command, BenchEmulators emulators, string workDirectory, double requestsPerSecond)
    {
        var state = Directory.CreateDirectory(Path.Combine(workDirectory, "state")).FullName;
        var ports = FreePorts.Take(2);
        var config = Path.Combine(workDirectory, "collector.yaml");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            # Defaults everywhere but the request budget; loopback emulators, free ports, a fresh state directory.
            sentinelOne:
              hostname: {{emulators.Uam.Origin}}
              requestsPerSecond: {{requestsPerSecond}}
            sekoia:
              endpoint: {{emulators.Intake.Origin}}
            stateDirectory: {{state}}
            listenAddress: 127.0.0.1
            http: {port: {{ports[0]}}}
            grpc: {port: {{ports[1]}}}
            intake: {namespace: bench, name: collector}
            """));
        var environment = new Dictionary<string, string?>
        {
            ["S1_API_TOKEN"] = BenchEmulators.ApiToken,
            ["SEKOIA_INTAKE_KEY"] = BenchEmulators.IntakeKey,
        };
        var startedAt = Stopwatch.GetTimestamp();
        var process = new CollectorProcess(command.FileName, [.. command.LeadingArguments, "--config", config], environment);
        return new CollectorUnderTest(process, startedAt, ports[1], state);
    }

    /// <summary>
    /// Calls <c>grpc.health.v1.Health/Check</c> (service "") until it answers SERVING; returns the time from
    /// process start. Each attempt opens a new connection, so a refused one costs nothing but a retry.
    /// </summary>
    public async Task<TimeSpan> WaitForServingAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"the collector exited with code {Process.ExitCode} before serving. Output:{Environment.NewLine}{Process.OutputText}");
            }
            using (var channel = GrpcChannel.ForAddress(GrpcAddress))
            {
                try
                {
                    var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                    if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return Stopwatch.GetElapsedTime(StartedAt);
                    }
                }
                catch (RpcException)
                {
                    // Not listening yet (or not SERVING yet): try again.
                }
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the collector did not serve health within {timeout}. Output:{Environment.NewLine}{Process.OutputText}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>The size of its checkpoint file now (0 when none): it holds the dedup window's keys.</summary>
    public long CheckpointBytes
    {
        get
        {
            var file = new FileInfo(Path.Combine(StateDirectory, "checkpoint.json"));
            return file.Exists ? file.Length : 0;
        }
    }

    /// <summary>Stops it with SIGTERM (killed if it does not exit within 15 s).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            try
            {
                await Process.StopAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                // StopAsync killed it.
            }
        }
        await Process.DisposeAsync();
    }
}
