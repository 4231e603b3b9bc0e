using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Processes;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// Both emulators, a state directory and a config file, for running the real collector binary against
/// them over loopback. Each test owns one harness.
/// </summary>
public sealed partial class PipelineHarness : IAsyncDisposable
{
    public const string ApiToken = "s1-token-SECRET-d9f1c2";
    public const string IntakeKey = "sekoia-key-SECRET-77ab31";
    public const string AdminToken = "admin-token-SECRET-c0ffee";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<CollectorProcess> _processes = [];
    private readonly List<RunningCollector> _running = [];

    private PipelineHarness(UamEmulator uam, SekoiaIntakeEmulator intake, string root)
    {
        Uam = uam;
        Intake = intake;
        Root = root;
    }

    public UamEmulator Uam { get; }

    public SekoiaIntakeEmulator Intake { get; }

    public string Root { get; }

    public string StateDirectory => Path.Combine(Root, "state");

    public string ConfigPath => Path.Combine(Root, "collector.yaml");

    /// <summary>Collector settings written into the config; tests adjust them before starting a collector.</summary>
    public CollectorSettings Settings { get; } = new();

    /// <summary>
    /// Starts both emulators, each over HTTPS with its server certificate when given (plain HTTP otherwise);
    /// <paramref name="intakeOptions"/> and <paramref name="uamOptions"/> adjust their options.
    /// </summary>
    public static async Task<PipelineHarness> StartAsync(X509Certificate2? uamCertificate = null, X509Certificate2? intakeCertificate = null,
        Func<SekoiaIntakeOptions, SekoiaIntakeOptions>? intakeOptions = null, Func<UamEmulatorOptions, UamEmulatorOptions>? uamOptions = null)
    {
        var uamSettings = new UamEmulatorOptions { Token = ApiToken, ServerCertificate = uamCertificate };
        var uam = await UamEmulator.StartAsync(uamOptions is null ? uamSettings : uamOptions(uamSettings));
        var options = new SekoiaIntakeOptions { IntakeKey = IntakeKey, ServerCertificate = intakeCertificate };
        var intake = await SekoiaIntakeEmulator.StartAsync(intakeOptions is null ? options : intakeOptions(options));
        var root = Directory.CreateTempSubdirectory("s1k8s-pipeline-").FullName;
        return new PipelineHarness(uam, intake, root);
    }

    /// <summary>
    /// Writes the config and starts the real collector (or the build at <paramref name="collectorDll"/>);
    /// returns once it listens. A collector with its own <paramref name="instance"/> name gets its own config
    /// file and state directory (for two at once).
    /// </summary>
    public async Task<RunningCollector> StartCollectorAsync(string apiToken = ApiToken, string? instance = null, string? collectorDll = null)
    {
        var configPath = ConfigPath;
        if (instance is null)
        {
            await WriteConfigAsync();
        }
        else
        {
            configPath = Path.Combine(Root, $"{instance}.yaml");
            await File.WriteAllTextAsync(configPath, Settings.ToYaml(Uam.BaseAddress, Intake.BaseAddress, Path.Combine(Root, instance)));
        }
        var environment = new Dictionary<string, string?>
        {
            ["S1_API_TOKEN"] = apiToken,
            ["SEKOIA_INTAKE_KEY"] = IntakeKey,
            ["POD_NAME"] = instance ?? "collector-0",
            ["S1_COLLECTOR_ADMIN_TOKEN"] = AdminToken,
        };
        var process = collectorDll is null
            ? new CollectorProcess(configPath, environment)
            : new CollectorProcess(CollectorBinary.DotnetHost, [collectorDll, "--config", configPath], environment);
        _processes.Add(process);
        var listening = await process.WaitForOutputAsync(l => l.Contains("Collector listening on", StringComparison.Ordinal), Patience);
        // The HTTP/1.1 (metrics) port is listed first, then the h2c (gRPC) one.
        var ports = ListeningPort().Matches(listening.Text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var running = new RunningCollector(process, new Uri($"http://127.0.0.1:{ports[0]}/metrics"), new Uri($"http://127.0.0.1:{ports[^1]}"));
        _running.Add(running);
        return running;
    }

    public Task WriteConfigAsync() => File.WriteAllTextAsync(ConfigPath, Settings.ToYaml(Uam.BaseAddress, Intake.BaseAddress, StateDirectory));

    /// <summary>The alert as the collector must forward it: the stored alert projected on the selected fields.</summary>
    public JsonObject Expected(string id) => ForwardedShape.Project(Uam.GetAlert(id) ?? throw new KeyNotFoundException(id));

    public async ValueTask DisposeAsync()
    {
        foreach (var running in _running.Where(r => !r.Process.HasExited))
        {
            await running.RecordMetricsEvidenceAsync();
        }
        foreach (var running in _running)
        {
            running.Dispose();
        }
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
        SuiteEvidence.AddDirectory("state", StateDirectory);
        Directory.Delete(Root, recursive: true);
    }

    [GeneratedRegex(@"http://[^:]+:(\d+)")]
    private static partial Regex ListeningPort();
}
