using System.Diagnostics;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// The lines a child writes to stdout and stderr, interleaved in arrival order, with whether both streams
/// have ended (after which no line can still be on its way).
/// </summary>
internal sealed class OutputCapture(ChangeSignal signal)
{
    private readonly Lock _lock = new();
    private readonly List<OutputLine> _lines = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _stdoutClosed;
    private bool _stderrClosed;

    /// <summary>Whether both streams reached end of file.</summary>
    public bool Complete
    {
        get { lock (_lock) { return _stdoutClosed && _stderrClosed; } }
    }

    public List<OutputLine> Snapshot() => From(0);

    /// <summary>The lines from index <paramref name="start"/> on.</summary>
    public List<OutputLine> From(int start)
    {
        lock (_lock)
        {
            return _lines.GetRange(start, _lines.Count - start);
        }
    }

    /// <summary>Adds a line; a null <paramref name="text"/> marks the end of that stream.</summary>
    public void Append(string? text, bool isError)
    {
        lock (_lock)
        {
            if (text is not null)
            {
                _lines.Add(new OutputLine(text, isError, Stopwatch.GetElapsedTime(_started)));
            }
            else if (isError)
            {
                _stderrClosed = true;
            }
            else
            {
                _stdoutClosed = true;
            }
        }
        signal.Notify();
    }
}
