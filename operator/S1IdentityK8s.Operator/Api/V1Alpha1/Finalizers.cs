namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The finalizers the operator puts on intakes.</summary>
public static class Finalizers
{
    /// <summary>Held until the collector has been stopped and its checkpoint Lease released.</summary>
    public const string Intake = "s1identity.dev/intake";
}
