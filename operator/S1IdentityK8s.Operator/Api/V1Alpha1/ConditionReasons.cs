namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The reasons the operator writes into its conditions (CamelCase, stable: alerting keys on them).</summary>
public static class ConditionReasons
{
    /// <summary>Every child matches the spec and the collector is available.</summary>
    public const string Available = "Available";

    /// <summary>Children were created or changed and are not all available yet.</summary>
    public const string Progressing = "Progressing";

    /// <summary>A referenced Secret, or a key of it, does not exist.</summary>
    public const string SecretMissing = "SecretMissing";

    /// <summary>The spec holds a value the schema cannot reject but the collector would.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The apiserver refused a child (e.g. invalid resources copied into the Deployment).</summary>
    public const string ApplyFailed = "ApplyFailed";

    /// <summary>Nothing is left to do for this condition.</summary>
    public const string Reconciled = "Reconciled";
}
