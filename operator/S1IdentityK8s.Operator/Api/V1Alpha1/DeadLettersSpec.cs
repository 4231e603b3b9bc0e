using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Where the collector keeps alerts the intake will never take (too large, refused for their content), and
/// how many. Without a claim they live on the pod's emptyDir and are lost when the pod is replaced.
/// </summary>
public sealed class DeadLettersSpec
{
    /// <summary>
    /// A PersistentVolumeClaim in the intake's namespace (created by you, ReadWriteOnce is enough: one
    /// collector pod at a time) mounted for the dead letters, so they survive a pod roll. Defaults to none: an emptyDir.
    /// </summary>
    public DeadLetterVolumeClaim? PersistentVolumeClaim { get; set; }

    /// <summary>Most letters kept, 1..1000000; beyond it the oldest are dropped (counted in a metric). Defaults to 10000.</summary>
    [DefaultValue(10_000)]
    [Range(1, 1_000_000)]
    public int MaxCount { get; set; } = 10_000;

    /// <summary>Most bytes of letters kept, from 1048576 (1 MiB); keep it below the claim's size. Defaults to 536870912 (512 MiB).</summary>
    [DefaultValue(536_870_912)]
    [Range(1_048_576, int.MaxValue)]
    public int MaxBytes { get; set; } = 536_870_912;
}
