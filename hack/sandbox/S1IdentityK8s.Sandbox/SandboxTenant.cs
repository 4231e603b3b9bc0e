using System.Net;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Sandbox;

/// <summary>The emulated SentinelOne tenant and Sekoia intake: 200 alerts of the last 6 hours, then one every 3 seconds.</summary>
public sealed class SandboxTenant : IAsyncDisposable
{
    /// <summary>The UAM token the emulator accepts.</summary>
    public const string ApiToken = "sandbox-s1-token";

    /// <summary>The intake key the emulator accepts.</summary>
    public const string IntakeKey = "sandbox-intake-key";

    private SandboxTenant(UamEmulator uam, SekoiaIntakeEmulator intake, TestCertificateAuthority? authority)
    {
        Uam = uam;
        Intake = intake;
        _authority = authority;
    }

    private readonly TestCertificateAuthority? _authority;

    /// <summary>
    /// The CA (PEM) of the emulators' server certificate when they serve HTTPS (off loopback, where the
    /// collector speaks HTTPS only); null on loopback.
    /// </summary>
    public string? CaBundle => _authority?.CertificatePem;

    /// <summary>The UAM GraphQL emulator.</summary>
    public UamEmulator Uam { get; }

    /// <summary>The Sekoia intake emulator.</summary>
    public SekoiaIntakeEmulator Intake { get; }

    /// <summary>
    /// Starts both emulators on <paramref name="address"/> (127.0.0.1 by default, plain HTTP) with the initial
    /// alerts; on any other address they serve HTTPS with a certificate from a CA of their own (<see cref="CaBundle"/>).
    /// </summary>
    public static async Task<SandboxTenant> StartAsync(IPAddress? address = null)
    {
        var listen = address ?? IPAddress.Loopback;
        var authority = IPAddress.IsLoopback(listen) ? null : TestCertificateAuthority.Create("s1identity-sandbox-ca");
        var certificate = authority?.IssueServerCertificate(listen.ToString());
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiToken, ListenAddress = listen, ServerCertificate = certificate });
        var intake = await SekoiaIntakeEmulator.StartAsync(
            new SekoiaIntakeOptions { IntakeKey = IntakeKey, ListenAddress = listen, ServerCertificate = certificate });
        var now = DateTimeOffset.UtcNow;
        uam.AddAlerts(AlertFixtures.Generate(200, now.AddHours(-6), now.AddMinutes(-1), seed: 42));
        Console.WriteLine($"Sandbox: emulated SentinelOne UAM at {uam.BaseAddress}, emulated Sekoia intake at {intake.BaseAddress}");
        Console.WriteLine("200 alerts from the last 6 hours, then a new one every 3 seconds.");
        return new SandboxTenant(uam, intake, authority);
    }

    /// <summary>Feeds new alerts and prints what the intake received, until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(new AlertFeed(Uam).RunAsync(TimeSpan.FromSeconds(3), stopping), ReportAsync(stopping));

    public async ValueTask DisposeAsync()
    {
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
        _authority?.Dispose();
    }

    private async Task ReportAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                Console.WriteLine($"[sandbox] Sekoia intake emulator has received {Intake.EventCount} alerts ({Intake.CountsById().Count} distinct)");
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
