using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// The apiserver's static token file (read once at start): one admin in <c>system:masters</c> and a
/// pool of plain users (<c>user-1</c>..<c>user-N</c>, no groups) handed out one per request so that RBAC
/// grants made for one test never leak into another.
/// </summary>
internal sealed class TokenUserPool
{
    private readonly List<(string User, string Token)> _users = [];
    private int _next;

    public TokenUserPool(int size)
    {
        AdminToken = NewToken();
        for (var i = 1; i <= size; i++)
        {
            _users.Add(($"user-{i.ToString(CultureInfo.InvariantCulture)}", NewToken()));
        }
    }

    public string AdminToken { get; }

    public const string AdminUser = "admin";

    /// <summary>Writes the tokens file in the apiserver's CSV format: token,user,uid[,"groups"].</summary>
    public void WriteTokenFile(string path)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{AdminToken},{AdminUser},admin-uid,\"system:masters\"\n");
        foreach (var (user, token) in _users)
        {
            text.Append(CultureInfo.InvariantCulture, $"{token},{user},{user}-uid\n");
        }

        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The next unused user; throws when the pool is exhausted.</summary>
    public (string User, string Token) Take()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        if (index >= _users.Count)
        {
            throw new InvalidOperationException(
                $"all {_users.Count} token users are handed out: raise ControlPlaneOptions.UserPoolSize");
        }

        return _users[index];
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
