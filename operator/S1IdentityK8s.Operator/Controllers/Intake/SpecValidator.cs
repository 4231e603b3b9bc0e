using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Checks what the CRD schema cannot: that referenced Secrets and keys exist, that the CA bundle ConfigMap
/// holds certificates, and rules across fields. Each problem names its field, for the <c>Stalled</c> condition.
/// A referenced object is read from <paramref name="cache"/> when it holds it, and from the apiserver
/// otherwise (it may have been created a moment ago, with the intake).
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="cache">The watches' objects; null reads every reference from the apiserver.</param>
public sealed class SpecValidator(IKubernetes client, ObjectCache? cache = null)
{
    private const string CaBundleField = "spec.tls.caBundleRef";

    /// <summary>The problems of <paramref name="intake"/> (empty when none), the Secrets it read, and its CA bundle ConfigMap (null without <c>spec.tls</c>).</summary>
    public async Task<(IReadOnlyList<SpecProblem> Problems, IReadOnlyList<V1Secret> Secrets, V1ConfigMap? CaBundle)> ValidateAsync(
        V1Alpha1SentinelOneIdentityIntake intake, CancellationToken cancellationToken)
    {
        if (intake.Spec.Unreadable is { } unreadable)
        {
            // Nothing else of it can be trusted: its references are the defaults of a spec never read.
            return ([new SpecProblem(ConditionReasons.InvalidSpec, unreadable.Field, unreadable.Message)], [], null);
        }

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
            else if (SecretValueCheck.Problem(value) is { } problem)
            {
                problems.Add(new SpecProblem(ConditionReasons.InvalidSpec, field, $"Secret \"{reference.Name}\" key \"{reference.Key}\" {problem}"));
            }
            else
            {
                secrets.Add(secret);
            }
        }

        V1ConfigMap? caBundle = null;
        if (intake.Spec.Tls?.CaBundleRef is { } caBundleRef)
        {
            caBundle = await ReadConfigMapAsync(ns, caBundleRef.Name, cancellationToken);
            if (CaBundleProblem(ns, caBundleRef, caBundle) is { } problem)
            {
                problems.Add(problem);
            }
        }

        problems.AddRange(SpecValueRules.Problems(intake.Spec));
        return (problems, secrets, caBundle);
    }

    // The collector refuses to start on a bundle without a certificate: say so here, naming the field.
    private static SpecProblem? CaBundleProblem(string ns, CaBundleReference reference, V1ConfigMap? configMap)
    {
        if (configMap is null)
        {
            return new SpecProblem(ConditionReasons.ConfigMapMissing, CaBundleField, $"ConfigMap \"{reference.Name}\" not found in namespace \"{ns}\"");
        }

        var pem = configMap.Data?.TryGetValue(reference.Key, out var text) == true ? text
            : configMap.BinaryData?.TryGetValue(reference.Key, out var bytes) == true ? Encoding.UTF8.GetString(bytes)
            : null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            return new SpecProblem(ConditionReasons.ConfigMapMissing, CaBundleField, $"ConfigMap \"{reference.Name}\" has no non-empty key \"{reference.Key}\"");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            return new SpecProblem(ConditionReasons.InvalidSpec, CaBundleField, $"ConfigMap \"{reference.Name}\" key \"{reference.Key}\" holds an invalid PEM certificate");
        }

        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return certificates.Count > 0
            ? null
            : new SpecProblem(ConditionReasons.InvalidSpec, CaBundleField, $"ConfigMap \"{reference.Name}\" key \"{reference.Key}\" holds no PEM certificate");
    }

    private Task<V1ConfigMap?> ReadConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        ReadAsync(ns, name, (n, s, t) => client.CoreV1.ReadNamespacedConfigMapAsync(n, s, cancellationToken: t), cancellationToken);

    private Task<V1Secret?> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        ReadAsync(ns, name, (n, s, t) => client.CoreV1.ReadNamespacedSecretAsync(n, s, cancellationToken: t), cancellationToken);

    // From the watch cache when it holds the object, else from the apiserver; null when it does not exist.
    private async Task<T?> ReadAsync<T>(string ns, string name, Func<string, string, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        if (cache?.TryGet(typeof(T), ns, name, out var cached) == true && cached is T held)
        {
            return held;
        }

        try
        {
            return await read(name, ns, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
