using S1IdentityK8s.Operator.Runtime.Queue;

namespace S1IdentityK8s.Operator.Runtime.Controllers;

/// <summary>How a <see cref="EntityControllerRunner{T}"/> drives its controller.</summary>
public sealed class ControllerOptions
{
    /// <summary>The work queue's settings. Defaults to <see cref="WorkQueueOptions"/>' defaults.</summary>
    public WorkQueueOptions Queue { get; init; } = new();

    /// <summary>Every known entity is reconciled again this often, healing drift no watch reported. Defaults to 10 minutes.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The namespaces to watch, each with its own watches (for namespaced RBAC); empty watches every
    /// namespace. Defaults to empty.
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];
}
