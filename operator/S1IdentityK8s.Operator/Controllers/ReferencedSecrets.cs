using System.Collections.Concurrent;
using S1IdentityK8s.Operator.Runtime;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>
/// Which intakes reference which Secrets, so that a Secret's creation or rotation reconciles exactly the
/// intakes that read it (the Secrets are the user's: they carry no owner reference to map from).
/// </summary>
public sealed class ReferencedSecrets
{
    private readonly ConcurrentDictionary<string, string[]> _byIntake = new();

    /// <summary>Records that the intake <paramref name="intakeKey"/> reads the Secrets <paramref name="secretKeys"/>.</summary>
    public void Set(string intakeKey, IEnumerable<string> secretKeys) => _byIntake[intakeKey] = [.. secretKeys];

    /// <summary>Forgets a deleted intake.</summary>
    public void Remove(string intakeKey) => _byIntake.TryRemove(intakeKey, out _);

    /// <summary>The keys of the intakes that read the Secret <paramref name="secretKey"/> (namespace/name).</summary>
    public IEnumerable<string> IntakesReading(string secretKey) =>
        _byIntake.Where(pair => pair.Value.Contains(secretKey)).Select(pair => pair.Key).ToList();

    /// <summary>The Secret keys an intake in <paramref name="namespaceName"/> reads by these names.</summary>
    public static IEnumerable<string> Keys(string namespaceName, params string[] secretNames) =>
        secretNames.Distinct().Select(name => EntityKey.Of(namespaceName, name));
}
