namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// The real collector binary run as a child process: <c>dotnet S1IdentityK8s.Collector.dll --config &lt;file&gt;</c>,
/// from the build output of the same configuration as the tests (see <see cref="CollectorBinary"/>).
/// </summary>
public sealed class CollectorProcess : ChildProcess
{
    /// <summary>Starts the collector with <paramref name="configPath"/> and extra environment variables.</summary>
    /// <param name="configPath">The YAML configuration file passed as <c>--config</c>.</param>
    /// <param name="environment">Variables to add or override; a null value removes the variable.</param>
    public CollectorProcess(string configPath, IReadOnlyDictionary<string, string?>? environment = null)
        : base(CollectorBinary.DotnetHost, [CollectorBinary.FindDll(), "--config", configPath], environment)
    {
    }

    /// <summary>
    /// Starts an arbitrary command in the collector's place: for testing this runner, or a collector built
    /// elsewhere.
    /// </summary>
    public CollectorProcess(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
        : base(fileName, arguments, environment)
    {
    }
}
