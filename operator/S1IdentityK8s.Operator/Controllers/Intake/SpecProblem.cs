namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>Something wrong in an intake that only the user can fix, named by its field.</summary>
/// <param name="Reason">The condition reason (SecretMissing, InvalidSpec).</param>
/// <param name="Field">The spec field at fault, e.g. <c>spec.sekoia.intakeKeySecretRef</c>.</param>
/// <param name="Message">What is wrong, never a secret value.</param>
public sealed record SpecProblem(string Reason, string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
