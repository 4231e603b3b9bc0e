namespace S1IdentityK8s.Monitoring.Tests.Dashboard;

/// <summary>The tokenizer that <see cref="MetricReferenceTests"/> relies on, on the shapes our expressions take.</summary>
public sealed class PromQlReferencesTests
{
    public static TheoryData<string, string[], string[]> Cases => new()
    {
        {
            """histogram_quantile(0.95, sum by (namespace, target, le) (rate(s1identity_request_duration_seconds_bucket{intake=~"$intake"}[$__rate_interval])))""",
            ["s1identity_request_duration_seconds_bucket"], ["namespace", "target", "le", "intake"]
        },
        {
            "max by (namespace, intake) (up_a) unless on (namespace, intake) up_b > 1800",
            ["up_a", "up_b"], ["namespace", "intake"]
        },
        {
            """label_values(s1identity_lag_seconds{namespace=~"$namespace"}, intake)""",
            ["s1identity_lag_seconds"], ["namespace", "intake"]
        },
        {
            """sum(increase(errors_total{result="error", why!="x,y"}[10m] offset 5m)) > 0 and bool 1e3""",
            ["errors_total"], ["result", "why"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_Expression_NamesItsMetricsAndLabels(string expression, string[] metrics, string[] labels)
    {
        var references = PromQlReferences.Of(expression);

        Assert.Equal(metrics.Order(StringComparer.Ordinal), references.Metrics.Order(StringComparer.Ordinal));
        Assert.Equal(labels.Order(StringComparer.Ordinal), references.Labels.Order(StringComparer.Ordinal));
    }
}
