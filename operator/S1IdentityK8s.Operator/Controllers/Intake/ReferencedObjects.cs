using System.Collections.Concurrent;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Which intakes reference which objects of one kind (the Secrets they read, the ConfigMap of their CA
/// bundle), so that such an object's creation or change reconciles exactly the intakes that read it (the
/// objects are the user's: they carry no owner reference to map from).
/// </summary>
public sealed class ReferencedObjects
{
    private readonly ConcurrentDictionary<string, string[]> _byIntake = new();

    /// <summary>Records that the intake <paramref name="intakeKey"/> reads the objects <paramref name="objectKeys"/>.</summary>
    public void Set(string intakeKey, IEnumerable<string> objectKeys) => _byIntake[intakeKey] = [.. objectKeys];

    /// <summary>Forgets a deleted intake.</summary>
    public void Remove(string intakeKey) => _byIntake.TryRemove(intakeKey, out _);

    /// <summary>The keys of the intakes that read the object <paramref name="objectKey"/> (namespace/name).</summary>
    public IEnumerable<string> IntakesReading(string objectKey) =>
        _byIntake.Where(pair => pair.Value.Contains(objectKey)).Select(pair => pair.Key).ToList();

    /// <summary>The keys of the objects an intake in <paramref name="namespaceName"/> reads by these names (nulls skipped).</summary>
    public static IEnumerable<string> Keys(string namespaceName, params string?[] names) =>
        names.OfType<string>().Where(name => name.Length > 0).Distinct().Select(name => EntityKey.Of(namespaceName, name));
}
