namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>A measurement that runs only when <see cref="BacklogVariable"/> names a backlog size.</summary>
public sealed class BacklogMeasurementFactAttribute : FactAttribute
{
    /// <summary>How many alerts the measured backlog holds.</summary>
    public const string BacklogVariable = "S1K8S_MEASURE_BACKLOG";

    public BacklogMeasurementFactAttribute()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(BacklogVariable), out _))
        {
            Skip = $"a measurement: set {BacklogVariable} to a backlog size (e.g. 100000)";
        }
    }
}
