using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>The ClusterRole the operator runs with: exactly what its controllers read and write.</summary>
internal static class ClusterRoleGenerator
{
    /// <summary>The role's name, also used by the chart's ClusterRoleBinding.</summary>
    public const string RoleName = "s1identity-operator";

    private static readonly string[] Read = ["get", "list", "watch"];
    // update too: RBAC only lets the operator grant its collectors' Role (update on their checkpoint
    // ConfigMap) what it holds itself.
    private static readonly string[] Apply = ["get", "list", "watch", "create", "update", "patch", "delete"];

    /// <summary>The ClusterRole, rules sorted by API group then resource.</summary>
    public static V1ClusterRole Generate() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta { Name = RoleName },
        Rules =
        [
            Rule("", ["configmaps", "serviceaccounts", "services"], Apply),
            // Secrets: read the referenced credentials; create and patch only the generated admin token.
            Rule("", ["secrets"], ["get", "list", "watch", "create", "patch"]),
            // Pods: list to reach a collector at its pod IP, watch to tell why one cannot run.
            Rule("", ["pods"], Read),
            Rule("", ["events"], ["create", "patch"]),
            Rule("apps", ["deployments"], Apply),
            Rule("coordination.k8s.io", ["leases"], ["get", "list", "watch", "create", "update", "patch"]),
            Rule("events.k8s.io", ["events"], ["create", "patch"]),
            Rule("networking.k8s.io", ["networkpolicies"], Apply),
            // No bind/escalate: the collectors' Roles only grant what the operator holds itself.
            Rule("rbac.authorization.k8s.io", ["rolebindings", "roles"], Apply),
            Rule(V1Alpha1SentinelOneIdentityIntake.ApiGroup, [V1Alpha1SentinelOneIdentityIntake.Plural], ["get", "list", "watch", "patch", "update"]),
            Rule(V1Alpha1SentinelOneIdentityIntake.ApiGroup, [$"{V1Alpha1SentinelOneIdentityIntake.Plural}/status"], ["get", "patch", "update"]),
            Rule(V1Alpha1SentinelOneIdentityIntake.ApiGroup, [$"{V1Alpha1SentinelOneIdentityIntake.Plural}/finalizers"], ["update"]),
        ],
    };

    private static V1PolicyRule Rule(string group, string[] resources, string[] verbs) =>
        new() { ApiGroups = [group], Resources = resources, Verbs = verbs };
}
