namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>What a command-line run produced.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record CliResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the command's output when it failed.</summary>
    public CliResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException($"command failed: {this}");

    public override string ToString() =>
        $"{CommandLine}\nexit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
