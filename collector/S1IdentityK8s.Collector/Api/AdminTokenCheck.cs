using System.Security.Cryptography;
using System.Text;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// The admin token comparison. Both sides are hashed with SHA-256 and the digests compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>: the time taken reveals neither the token's
/// content nor its length.
/// </summary>
public static class AdminTokenCheck
{
    /// <summary>The metadata key carrying the token.</summary>
    public const string Header = "authorization";

    private const string Scheme = "Bearer ";

    /// <summary>Whether <paramref name="presented"/> equals <paramref name="expected"/>, in constant time.</summary>
    public static bool Matches(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>The token of an <c>authorization: Bearer &lt;token&gt;</c> value (scheme case-insensitive); null for other schemes.</summary>
    public static string? BearerToken(string? header) =>
        header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
}
