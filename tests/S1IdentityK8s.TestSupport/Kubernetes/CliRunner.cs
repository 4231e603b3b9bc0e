using System.Diagnostics;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// Runs a command-line program to completion, capturing stdout, stderr and the exit code, with a
/// timeout after which the program and its children are killed.
/// </summary>
/// <param name="fileName">The program.</param>
/// <param name="leadingArguments">Arguments put before each run's own (e.g. <c>--kubeconfig=...</c>).</param>
/// <param name="environment">Extra environment variables for every run.</param>
public sealed class CliRunner(
    string fileName,
    IReadOnlyList<string>? leadingArguments = null,
    IReadOnlyDictionary<string, string>? environment = null)
{
    /// <summary>The timeout of a run that names none. Defaults to 60 s.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The program this runner runs.</summary>
    public string FileName => fileName;

    /// <summary>Runs the program with <paramref name="arguments"/> and the default timeout.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, standardInput: null);

    /// <summary>Runs the program; a non-zero exit code is returned, not thrown.</summary>
    /// <param name="arguments">Its arguments, passed as they are (no shell parsing).</param>
    /// <param name="standardInput">Text written to its stdin (then closed); null for none.</param>
    /// <param name="timeout">Kill it after this long and throw <see cref="TimeoutException"/>.</param>
    /// <param name="cancellationToken">Kills it and throws when cancelled.</param>
    public async Task<CliResult> RunAsync(
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (leadingArguments ?? []).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(fileName));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its input; its exit code and output tell why.
        }

        using var timeoutSource = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{commandLine} did not finish within {timeout ?? DefaultTimeout}:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(commandLine, process.ExitCode, await stdout, await stderr);
    }
}
