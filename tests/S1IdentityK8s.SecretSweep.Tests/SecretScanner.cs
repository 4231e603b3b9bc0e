using System.Buffers;
using System.Text;

namespace S1IdentityK8s.SecretSweep.Tests;

/// <summary>A secret found in a file: which one (masked), where, and the line around it (the secret masked).</summary>
internal sealed record SecretHit(string MaskedSecret, string File, int Line, string Excerpt)
{
    public override string ToString() => $"{File}:{Line}: {MaskedSecret} in: {Excerpt}";
}

/// <summary>
/// Looks for each secret, as written and base64-encoded (how Kubernetes carries Secret data), in text
/// files; all secrets at once, so a suite's worth of evidence is read once.
/// </summary>
internal sealed class SecretScanner
{
    private readonly Dictionary<string, string> _maskByForm = new(StringComparer.Ordinal);
    private readonly SearchValues<string> _forms;

    public SecretScanner(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            var mask = Mask(secret);
            _maskByForm.TryAdd(secret, mask);
            _maskByForm.TryAdd(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('='), mask);
        }

        _forms = SearchValues.Create([.. _maskByForm.Keys], StringComparison.Ordinal);
    }

    public int SecretCount => _maskByForm.Values.Distinct(StringComparer.Ordinal).Count();

    public IEnumerable<SecretHit> Scan(string file, string text)
    {
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var at = line.AsSpan().IndexOfAny(_forms);
            if (at < 0)
            {
                continue;
            }

            var form = _maskByForm.Keys.First(f => line.AsSpan(at).StartsWith(f, StringComparison.Ordinal));
            var excerpt = line.Substring(Math.Max(0, at - 80), Math.Min(line.Length - Math.Max(0, at - 80), 200)).Replace(form, "***", StringComparison.Ordinal);
            yield return new SecretHit(_maskByForm[form], file, lineNumber, excerpt);
        }
    }

    // Enough to tell secrets apart in a report, not enough to use one.
    private static string Mask(string secret) => $"{secret[..3]}… ({secret.Length} chars)";
}
