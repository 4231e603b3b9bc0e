using System.Diagnostics;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// A credential. <see cref="ToString"/> returns <c>***</c> so logging or interpolating it by accident leaks
/// nothing; only <see cref="Reveal"/> hands out the value. Equality is reference equality on purpose.
/// </summary>
[DebuggerDisplay("***")]
public sealed class SecretValue
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/> as it is (no trimming).</summary>
    public SecretValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>True when the value is the empty string.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>
    /// Reads a secret file, trimming surrounding whitespace (Kubernetes Secret files and <c>echo</c> often add
    /// a trailing newline). Throws the usual I/O exceptions, whose messages name the path, never the value.
    /// </summary>
    public static SecretValue FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SecretValue(File.ReadAllText(path).Trim());
    }

    /// <summary>The value itself: call at the last moment, where it is put on the wire.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";
}
