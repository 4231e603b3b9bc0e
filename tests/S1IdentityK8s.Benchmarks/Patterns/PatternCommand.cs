using System.Diagnostics;
using System.Globalization;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// <c>pattern reference|relay --uam ... --intake ...</c>: runs one comparison pattern over the window in
/// this process, prints <c>pattern done: N alerts in S s</c> and exits 0 (1 on failure).
/// </summary>
public static class PatternCommand
{
    /// <summary>The line a finished run prints; <see cref="PatternProcess"/> waits for it.</summary>
    public const string DoneMarker = "pattern done:";

    /// <summary>Runs the pattern named by <paramref name="arguments"/>[0] with the settings that follow.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || !Enum.TryParse<PatternKind>(arguments[0], ignoreCase: true, out var kind))
        {
            await Console.Error.WriteLineAsync("usage: pattern reference|relay --uam URL --api-token T --intake URL --intake-key K --rps R --from MS --to MS --state DIR");
            return 2;
        }
        var settings = PatternSettings.Parse([.. arguments.Skip(1)]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var pushed = kind == PatternKind.Reference
                ? await new ReferenceConnector(http, settings).RunAsync(stop.Token)
                : await new MinimalRelay(http, settings).RunAsync(stop.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DoneMarker} {pushed} alerts in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.000} s"));
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"pattern {kind} failed: {e}");
            return 1;
        }
    }
}
