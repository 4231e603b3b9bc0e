using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>
/// The real collector host (CollectorApp.Build) in-process against both loopback emulators, with a state
/// directory, a config file and a real gRPC channel to its h2c port. Restartable on the same state.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string AdminToken = "admin-token-SECRET-5b7e0c";
    public const string ApiToken = "s1-token-SECRET-a41f";
    public const string IntakeKey = "sekoia-key-SECRET-93d2";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ApiHost(UamEmulator uam, SekoiaIntakeEmulator intake, string root, ApiHostSettings settings)
    {
        Uam = uam;
        Intake = intake;
        Root = root;
        Settings = settings;
    }

    public UamEmulator Uam { get; }
    public SekoiaIntakeEmulator Intake { get; }
    public string Root { get; }
    public ApiHostSettings Settings { get; private set; }
    public string StateDirectory => Path.Combine(Root, "state");
    public string ConfigPath => Path.Combine(Root, "collector.yaml");
    public WebApplication App { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public CollectorService.CollectorServiceClient Client { get; private set; } = null!;
    public Health.HealthClient Health { get; private set; } = null!;

    /// <summary>The admin credentials for CollectorService calls.</summary>
    public static Metadata Auth => new() { { "authorization", "Bearer " + AdminToken } };

    /// <summary>
    /// Starts emulators and collector; <paramref name="alerts"/> are in UAM before the collector's first
    /// cycle, so live collection is sure to deliver them even when they are hours old.
    /// </summary>
    public static async Task<ApiHost> StartAsync(ApiHostSettings? settings = null, IEnumerable<JsonObject>? alerts = null)
    {
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiToken });
        uam.AddAlerts(alerts ?? []);
        var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = IntakeKey });
        var host = new ApiHost(uam, intake, Directory.CreateTempSubdirectory("s1k8s-api-").FullName, settings ?? new ApiHostSettings());
        await host.StartCollectorAsync();
        return host;
    }

    /// <summary>
    /// Alerts detected within the last 90 seconds: inside the live window's overlap (2m) whenever they are
    /// added, so the next cycle picks them up however far the watermark has moved.
    /// </summary>
    public static IReadOnlyList<JsonObject> RecentAlerts(int count, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        return AlertFixtures.Generate(count, now.AddSeconds(-90), now.AddSeconds(-1), seed);
    }

    /// <summary>Rewrites the config file (the running collector reloads what it can).</summary>
    public Task WriteConfigAsync(ApiHostSettings settings)
    {
        Settings = settings;
        return File.WriteAllTextAsync(ConfigPath, settings.ToYaml(Uam.BaseAddress, Intake.BaseAddress, StateDirectory, SecretFiles()));
    }

    /// <summary>Stops the collector gracefully: in-flight pages finish and are committed.</summary>
    public async Task StopCollectorAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopCollectorAsync();
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    private (string ApiToken, string IntakeKey) SecretFiles()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, "secrets")).FullName;
        var files = (Path.Combine(directory, "api-token"), Path.Combine(directory, "intake-key"));
        File.WriteAllText(files.Item1, ApiToken);
        File.WriteAllText(files.Item2, IntakeKey);
        SuiteEvidence.AddSecret(ApiToken);
        SuiteEvidence.AddSecret(IntakeKey);
        SuiteEvidence.AddSecret(AdminToken);
        return files;
    }

    /// <summary>Starts a collector on the current config and state (after <see cref="StopCollectorAsync"/>).</summary>
    public async Task StartCollectorAsync()
    {
        await WriteConfigAsync(Settings);
        // Only the admin token comes from the (in-memory) environment: a config reload reads the process
        // environment, which tests running in parallel must not touch, so the required secrets are files.
        var environment = new Dictionary<string, string?> { [CollectorSecrets.AdminTokenVariable] = Settings.AdminToken };
        var loaded = CollectorConfigLoader.Load(ConfigPath, environment);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        App = CollectorApp.Build(loaded.Options, loaded.Secrets, ConfigPath);
        await App.StartAsync();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Channel = GrpcChannel.ForAddress(await GrpcAddressAsync(addresses));
        var recorded = Channel.Intercept(new EvidenceInterceptor());
        Client = new CollectorService.CollectorServiceClient(recorded);
        Health = new Health.HealthClient(recorded);
    }

    /// <summary>Of the collector's two listening addresses (ports may be 0), the h2c one: it does not serve /metrics over HTTP/1.1.</summary>
    public static async Task<Uri> GrpcAddressAsync(IReadOnlyList<string> addresses)
    {
        Assert.Equal(2, addresses.Count);
        foreach (var address in addresses)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(new Uri(address), "/metrics"));
                if (response.IsSuccessStatusCode)
                {
                    return new Uri(addresses.Single(a => a != address));
                }
            }
            catch (HttpRequestException)
            {
                // The HTTP/2-only port refuses HTTP/1.1.
            }
        }
        throw new InvalidOperationException("no HTTP/1.1 metrics port among " + string.Join(", ", addresses));
    }
}
