using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Sandbox;

/// <summary>Keeps the emulated tenant alive: a new Identity alert every few seconds, and now and then an update.</summary>
public sealed class AlertFeed(UamEmulator uam)
{
    /// <summary>Adds alerts until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(TimeSpan every, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(every);
        var seed = 1000;
        string? last = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var now = DateTimeOffset.UtcNow;
                var alert = AlertFixtures.Generate(1, now.AddSeconds(-2), now.AddSeconds(-1), seed++)[0];
                uam.AddAlert(alert);
                if (last is not null && seed % 4 == 0)
                {
                    uam.UpdateAlert(last, a => a["status"] = "IN_PROGRESS");
                }
                last = alert["id"]!.GetValue<string>();
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C.
        }
    }
}
