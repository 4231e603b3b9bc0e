using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Apply;

namespace S1IdentityK8s.Operator.Runtime.Tests.Apply;

/// <summary>Which changes by others need a re-apply (drift on applied fields) and which do not (their own fields).</summary>
public sealed class AppliedFieldsTests
{
    public static TheoryData<string> Cases => [.. Scenarios.Keys];

    private static Dictionary<string, (Action<V1ConfigMap> Change, bool Hold)> Scenarios => new()
    {
        ["unchanged"] = (_ => { }, true),
        ["another writer's data key (a collector's checkpoint)"] = (c => c.Data["checkpoint.json"] = "{}", true),
        ["server-set metadata (resourceVersion, managedFields)"] = (c => c.Metadata.ResourceVersion = "42", true),
        ["another writer's label"] = (c => c.Metadata.Labels["team"] = "soc", true),
        ["applied value edited by hand"] = (c => c.Data["collector.yaml"] = "edited: by hand", false),
        ["applied key removed"] = (c => c.Data.Remove("collector.yaml"), false),
        ["applied label changed"] = (c => c.Metadata.Labels["app"] = "other", false),
        ["owner reference removed"] = (c => c.Metadata.OwnerReferences.Clear(), false),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hold_ChangedByAnother_TrueOnlyWhenAppliedFieldsAreIntact(string scenario)
    {
        var (change, hold) = Scenarios[scenario];
        var current = Map();

        change(current);

        Assert.Equal(hold, AppliedFields.Hold(Map(), current));
    }

    private static V1ConfigMap Map() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = "acme-collector",
            Labels = new Dictionary<string, string> { ["app"] = "collector" },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "s1identity.dev/v1alpha1", Kind = "SentinelOneIdentityIntake", Name = "acme", Uid = "u-1", Controller = true }],
        },
        Data = new Dictionary<string, string> { ["collector.yaml"] = "pageSize: 500" },
    };
}
