using System.Globalization;

namespace S1IdentityK8s.PodRunner.Cli;

/// <summary>The runner's command line, parsed.</summary>
public sealed class RunnerOptions
{
    /// <summary>The usage text printed on a bad command line.</summary>
    public const string Usage =
        "usage: S1IdentityK8s.PodRunner --kubeconfig PATH [--node NAME] [--work-dir DIR] "
        + "[--image REPOSITORY=PATH_TO_DLL]... [--exit-with PID]";

    /// <summary>The admin kubeconfig of the cluster to serve. Required.</summary>
    public required string KubeconfigPath { get; init; }

    /// <summary>The Node this runner registers and serves. Defaults to <c>local-runner</c>.</summary>
    public string NodeName { get; init; } = "local-runner";

    /// <summary>Where pod folders (volumes, logs) go. Defaults to <c>$TMPDIR/s1k8s-pod-runner-NODE</c>.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Extra images: repository → dll run with <c>dotnet</c>. Empty by default.</summary>
    public IReadOnlyDictionary<string, string> ImageDlls { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A pid whose end stops the runner (tests pass their own, so a killed test host leaves no runner
    /// behind). None by default.
    /// </summary>
    public int? ExitWithPid { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? kubeconfig = null;
        string? node = null;
        string? workDirectory = null;
        int? exitWith = null;
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--kubeconfig":
                    kubeconfig = Value();
                    break;
                case "--node":
                    node = Value();
                    break;
                case "--work-dir":
                    workDirectory = Value();
                    break;
                case "--exit-with":
                    exitWith = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--image":
                    var pair = Value();
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0 || equals == pair.Length - 1)
                    {
                        throw new ArgumentException($"--image wants REPOSITORY=PATH_TO_DLL, got '{pair}'");
                    }

                    images[pair[..equals]] = Path.GetFullPath(pair[(equals + 1)..]);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        node ??= "local-runner";
        return new RunnerOptions
        {
            KubeconfigPath = kubeconfig ?? throw new ArgumentException("--kubeconfig is required"),
            NodeName = node,
            WorkDirectory = Path.GetFullPath(workDirectory ?? Path.Combine(Path.GetTempPath(), $"s1k8s-pod-runner-{node}")),
            ImageDlls = images,
            ExitWithPid = exitWith,
        };
    }
}
