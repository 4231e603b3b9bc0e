namespace S1IdentityK8s.PodRunner;

/// <summary>
/// The runner's stdout: one plain line per lifecycle event (<c>pod ns/name: ready</c>), easy to grep in a
/// test's output. Never given env values: they carry secrets.
/// </summary>
public static class RunnerLog
{
    private static readonly Lock Gate = new();

    /// <summary>Writes <paramref name="message"/> as one line.</summary>
    public static void Info(string message)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(message);
            Console.Out.Flush();
        }
    }

    /// <summary>A line about one pod: <c>pod NAMESPACE/NAME: MESSAGE</c>.</summary>
    public static void Pod(string podKey, string message) => Info($"pod {podKey}: {message}");
}
