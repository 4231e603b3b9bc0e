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

    private SandboxTenant(UamEmulator uam, SekoiaIntakeEmulator intake)
    {
        Uam = uam;
        Intake = intake;
    }

    /// <summary>The UAM GraphQL emulator.</summary>
    public UamEmulator Uam { get; }

    /// <summary>The Sekoia intake emulator.</summary>
    public SekoiaIntakeEmulator Intake { get; }

    /// <summary>Starts both emulators on <paramref name="address"/> (127.0.0.1 by default) with the initial alerts.</summary>
    public static async Task<SandboxTenant> StartAsync(IPAddress? address = null)
    {
        var listen = address ?? IPAddress.Loopback;
        var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiToken, ListenAddress = listen });
        var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = IntakeKey, ListenAddress = listen });
        var now = DateTimeOffset.UtcNow;
        uam.AddAlerts(AlertFixtures.Generate(200, now.AddHours(-6), now.AddMinutes(-1), seed: 42));
        Console.WriteLine($"Sandbox: emulated SentinelOne UAM at {uam.BaseAddress}, emulated Sekoia intake at {intake.BaseAddress}");
        Console.WriteLine("200 alerts from the last 6 hours, then a new one every 3 seconds.");
        return new SandboxTenant(uam, intake);
    }

    /// <summary>Feeds new alerts and prints what the intake received, until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(new AlertFeed(Uam).RunAsync(TimeSpan.FromSeconds(3), stopping), ReportAsync(stopping));

    public async ValueTask DisposeAsync()
    {
        await Uam.DisposeAsync();
        await Intake.DisposeAsync();
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
