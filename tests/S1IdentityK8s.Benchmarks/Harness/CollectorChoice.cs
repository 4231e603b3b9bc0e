namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>Which collector binary a run measures (<c>--collector</c>).</summary>
public enum CollectorChoice
{
    /// <summary>The image's native binary when <c>make images</c> has published one, else the build output.</summary>
    Default,

    /// <summary>The image's native binary (Native AOT); fails when <c>make images</c> has not run.</summary>
    Published,

    /// <summary>The JIT-compiled build output, run by <c>dotnet</c>.</summary>
    Build,
}
