using System.Diagnostics;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// A child process started on construction, its stdout and stderr captured line by line. Tests await
/// output or exit with timeouts; disposal always kills the whole process tree.
/// </summary>
public class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ChangeSignal _signal = new();
    private readonly OutputCapture _output;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _name;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> (passed as is, no shell).</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to add or override; a null value removes the variable.</param>
    /// <param name="workingDirectory">Defaults to the current directory.</param>
    public ChildProcess(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        SuiteEvidence.AddSecretsOf(environment);
        _name = Path.GetFileName(fileName);
        _output = new OutputCapture(_signal);
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => _output.Append(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => _output.Append(e.Data, isError: true);
        // Exited does not wait for the output pipes to close, so a grandchild holding them cannot hide the exit.
        _process.Exited += (_, _) =>
        {
            _exited.TrySetResult(_process.ExitCode);
            _signal.Notify();
        };
        _process.Start();
        Id = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The exit code (128 + signal when killed by one), or null while running.</summary>
    public int? ExitCode => _exited.Task.IsCompleted ? _exited.Task.Result : null;

    /// <summary>Every line so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<OutputLine> Output
    {
        get => _output.Snapshot();
    }

    /// <summary>The whole output as text, one line each, for assertion messages.</summary>
    public string OutputText => string.Join(Environment.NewLine, Output);

    /// <summary>
    /// Returns the first line (already written or coming) matching <paramref name="match"/>. Throws
    /// <see cref="InvalidOperationException"/> if the process exits first, <see cref="TimeoutException"/>
    /// after <paramref name="timeout"/>; both carry the output.
    /// </summary>
    public async Task<OutputLine> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        OutputLine? found = null;
        var scanned = 0;
        await _signal.WaitAsync(() =>
        {
            // Each wake-up checks only the lines not seen yet: a chatty process must not make this quadratic.
            var complete = HasExited && _output.Complete;
            var fresh = _output.From(scanned);
            scanned += fresh.Count;
            found = fresh.FirstOrDefault(l => match(l.Text));
            return found is not null || complete;
        }, timeout, () => $"no matching output line from pid {Id}. Output:{Environment.NewLine}{OutputText}",
            cancellationToken).ConfigureAwait(false);
        return found ?? throw new InvalidOperationException(
            $"pid {Id} exited with code {ExitCode} before writing a matching line. Output:{Environment.NewLine}{OutputText}");
    }

    /// <summary>Returns the exit code once exited; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _exited.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"pid {Id} still running after {timeout.TotalSeconds:0.###} s. Output:{Environment.NewLine}{OutputText}");
        }
    }

    /// <summary>
    /// Sends SIGTERM and waits for a graceful exit (default 10 s). If it does not come, kills the process
    /// and throws <see cref="TimeoutException"/>. Returns the exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!HasExited)
        {
            PosixSignal.Send(Id, PosixSignal.Term);
        }
        try
        {
            return await WaitForExitAsync(timeout ?? DefaultStopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await KillAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILLs the process and its descendants (a crash, as far as the child can tell); returns the exit code.</summary>
    public async Task<int> KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        return await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Kills the process tree if still running and releases the process handle.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Kills and releases; derived classes extend it to clean up their own resources.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        SuiteEvidence.Add("logs", _name, OutputText);
    }
}
