using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using k8s.Models;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// The collector pod. Kubernetes-typed fields (resources, tolerations, affinity) are validated by the
/// Deployment they are copied into, not by this schema, so that the CRD stays small.
/// </summary>
public sealed class CollectorSpec
{
    /// <summary>Collector image override, e.g. from a private registry. Defaults to the image the operator was released with.</summary>
    [MinLength(1)]
    [MaxLength(512)]
    public string? Image { get; set; }

    /// <summary>Compute resources of the collector container. Defaults to requests 50m CPU / 64Mi, limit 256Mi.</summary>
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Minimum log level: Trace, Debug, Information, Warning or Error. Defaults to Information.</summary>
    [DefaultValue(CollectorLogLevels.Information)]
    [AllowedValues(CollectorLogLevels.Trace, CollectorLogLevels.Debug, CollectorLogLevels.Information, CollectorLogLevels.Warning, CollectorLogLevels.Error)]
    public string LogLevel { get; set; } = CollectorLogLevels.Information;

    /// <summary>Node labels the collector pod must run on. Defaults to none.</summary>
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Taints the collector pod tolerates. Defaults to none.</summary>
    public IList<V1Toleration>? Tolerations { get; set; }

    /// <summary>Node and pod affinity of the collector pod. Defaults to none.</summary>
    public V1Affinity? Affinity { get; set; }
}
