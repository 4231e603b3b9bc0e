namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// A measurement rather than a test: it runs only when <see cref="BaselineVariable"/> names another build of
/// the collector to compare this one with (e.g. main's), and it reports numbers instead of asserting times.
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    /// <summary>Full path of the baseline build's <c>S1IdentityK8s.Collector.dll</c>.</summary>
    public const string BaselineVariable = "S1K8S_BASELINE_COLLECTOR_DLL";

    public MeasurementFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BaselineVariable)))
        {
            Skip = $"a measurement: set {BaselineVariable} to another build's S1IdentityK8s.Collector.dll to compare with it";
        }
    }
}
