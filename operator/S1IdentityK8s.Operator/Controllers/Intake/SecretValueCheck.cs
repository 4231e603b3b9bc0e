using System.Text;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// The collector's rule for a token or key, checked before a pod is made: after trimming surrounding
/// whitespace it must be non-empty visible ASCII (it goes into an HTTP header or a JSON string as is). A
/// value the collector would refuse at start is reported on the intake instead of crash-looping its pod.
/// Messages never hold the value.
/// </summary>
public static class SecretValueCheck
{
    /// <summary>What is wrong with <paramref name="value"/> (a Secret key's bytes), or null when it is usable.</summary>
    public static string? Problem(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value).Trim();
        }
        catch (DecoderFallbackException)
        {
            return "is not UTF-8 text";
        }

        if (text.Length == 0)
        {
            return "is empty (whitespace only)";
        }

        return text.Any(c => c is < '!' or > '~') ? "holds whitespace, control or non-ASCII characters inside the value" : null;
    }
}
