namespace S1IdentityK8s.Operator.Runtime.Queue;

/// <summary>What a reconcile asks of the queue once it returned normally (a throw means retry with backoff).</summary>
/// <param name="RequeueAfter">Reconcile the key again after this delay; null waits for the next event.</param>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    /// <summary>Done until something changes.</summary>
    public static ReconcileResult Done => new(null);

    /// <summary>Look again after <paramref name="delay"/>, e.g. while waiting for something outside the cluster.</summary>
    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
