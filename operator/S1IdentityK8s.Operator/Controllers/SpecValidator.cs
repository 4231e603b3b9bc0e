using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>
/// Checks what the CRD schema cannot: that referenced Secrets and keys exist, and rules across fields.
/// Each problem names its field, for the <c>Stalled</c> condition.
/// </summary>
public sealed class SpecValidator(IKubernetes client)
{
    /// <summary>The problems of <paramref name="intake"/> (empty when none), and the Secrets it read.</summary>
    public async Task<(IReadOnlyList<SpecProblem> Problems, IReadOnlyList<V1Secret> Secrets)> ValidateAsync(
        V1Alpha1SentinelOneIdentityIntake intake, CancellationToken cancellationToken)
    {
        var problems = new List<SpecProblem>();
        var secrets = new List<V1Secret>();
        var ns = intake.Metadata.NamespaceProperty;
        foreach (var (field, reference) in new[]
        {
            ("spec.sentinelOne.apiTokenSecretRef", intake.Spec.SentinelOne.ApiTokenSecretRef),
            ("spec.sekoia.intakeKeySecretRef", intake.Spec.Sekoia.IntakeKeySecretRef),
        })
        {
            var secret = await ReadSecretAsync(ns, reference.Name, cancellationToken);
            if (secret is null)
            {
                problems.Add(new SpecProblem(ConditionReasons.SecretMissing, field, $"Secret \"{reference.Name}\" not found in namespace \"{ns}\""));
            }
            else if (secret.Data is null || !secret.Data.TryGetValue(reference.Key, out var value) || value is not { Length: > 0 })
            {
                problems.Add(new SpecProblem(ConditionReasons.SecretMissing, field, $"Secret \"{reference.Name}\" has no non-empty key \"{reference.Key}\""));
            }
            else
            {
                secrets.Add(secret);
            }
        }

        problems.AddRange(CrossFieldProblems(intake.Spec));
        return (problems, secrets);
    }

    private static IEnumerable<SpecProblem> CrossFieldProblems(IntakeSpec spec)
    {
        if (spec.Sekoia.Endpoint?.TrimEnd('/').EndsWith("/batch", StringComparison.OrdinalIgnoreCase) == true)
        {
            yield return new SpecProblem(ConditionReasons.InvalidSpec, "spec.sekoia.endpoint", "must be the intake's base URL, without /batch");
        }

        foreach (var backfill in spec.Backfills ?? [])
        {
            var from = DateTimeOffset.Parse(backfill.From, CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(backfill.To, CultureInfo.InvariantCulture);
            if (to <= from || to - from > TimeSpan.FromDays(31))
            {
                yield return new SpecProblem(ConditionReasons.InvalidSpec, $"spec.backfills[{backfill.Name}]", "to must be after from, at most 31 days later");
            }
        }
    }

    private async Task<V1Secret?> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
