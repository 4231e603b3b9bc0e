using S1IdentityK8s.Common;

namespace S1IdentityK8s.Operator.Hosting;

/// <summary>Reads the operator's environment settings, refusing bad values with a message naming the variable.</summary>
public static class OperatorSettings
{
    /// <summary>
    /// The Go duration (<c>30s</c>, <c>1m</c>) in <paramref name="variable"/>, or <paramref name="fallback"/> when unset.
    /// Throws <see cref="InvalidOperationException"/> for anything but a positive duration.
    /// </summary>
    public static TimeSpan Duration(IConfiguration configuration, string variable, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[variable] is not { Length: > 0 } text)
        {
            return fallback;
        }

        try
        {
            var value = Durations.Parse(text);
            return value > TimeSpan.Zero ? value : throw new FormatException("not positive");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{variable}: expected a positive duration such as 30s or 1m, got '{text}'");
        }
    }
}
