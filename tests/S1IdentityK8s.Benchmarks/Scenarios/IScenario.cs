using S1IdentityK8s.Benchmarks.Harness;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>One benchmark scenario of the issue: it runs its measurements and adds its figures to the context.</summary>
public interface IScenario
{
    /// <summary>Its name on the command line (<c>--only round-trip,memory</c>).</summary>
    string Name { get; }

    /// <summary>Runs it.</summary>
    Task RunAsync(BenchContext context);
}
