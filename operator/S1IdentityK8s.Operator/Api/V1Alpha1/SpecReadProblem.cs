namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Why an intake's spec could not be read into <see cref="IntakeSpec"/>: a value the schema lets through (its
/// Kubernetes-typed fields are open) that is not what the field takes.
/// </summary>
/// <param name="Field">The field at fault, e.g. <c>spec.collector.resources.limits.memory</c>.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record SpecReadProblem(string Field, string Message);
