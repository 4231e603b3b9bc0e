using System.Text;

namespace S1IdentityK8s.SecretSweep.Tests;

public sealed class SecretScannerTests
{
    private const string Token = "s1-token-SECRET-5e2a";
    private static readonly SecretScanner Scanner = new([Token, "intake-key-SECRET-9b"]);

    [Fact]
    public void Scan_SecretInALogLine_ReportsFileLineAndMaskedExcerpt()
    {
        var hit = Assert.Single(Scanner.Scan("logs/a.txt", "first line\n{\"msg\":\"calling with " + Token + " now\"}\n"));

        Assert.Equal(("logs/a.txt", 2), (hit.File, hit.Line));
        Assert.Equal("s1-… (20 chars)", hit.MaskedSecret);
        Assert.DoesNotContain(Token, hit.ToString(), StringComparison.Ordinal);
        Assert.Contains("calling with *** now", hit.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SecretBase64Encoded_IsFound()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Token));

        Assert.Single(Scanner.Scan("cluster/s.txt", $"\"data\":{{\"token\":\"{encoded}\"}}"));
    }

    [Fact]
    public void Scan_MaskedOrAbsent_FindsNothing()
    {
        Assert.Empty(Scanner.Scan("logs/b.txt", "token ***, key s1-token-SECRET (a prefix only)\n"));
    }
}
