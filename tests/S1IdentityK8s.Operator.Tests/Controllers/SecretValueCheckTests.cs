using System.Text;
using S1IdentityK8s.Operator.Controllers.Intake;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The collector's token rule, applied by the operator before it makes a pod.</summary>
public sealed class SecretValueCheckTests
{
    public static TheoryData<string, byte[], string?> Cases => new()
    {
        { "token", Encoding.UTF8.GetBytes("s1-token-1"), null },
        { "trailing newline (echo > file)", Encoding.UTF8.GetBytes("s1-token-1\n"), null },
        { "whitespace only", Encoding.UTF8.GetBytes(" \n\t"), "is empty (whitespace only)" },
        { "inner space (copy-paste)", Encoding.UTF8.GetBytes("s1-token 1"), "holds whitespace, control or non-ASCII characters inside the value" },
        { "inner newline", Encoding.UTF8.GetBytes("s1-token\n1"), "holds whitespace, control or non-ASCII characters inside the value" },
        { "non-ASCII", Encoding.UTF8.GetBytes("s1-tökén"), "holds whitespace, control or non-ASCII characters inside the value" },
        { "not UTF-8", [0xff, 0xfe, 0x41], "is not UTF-8 text" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Problem_Value_MatchesTheCollectorsRule(string name, byte[] value, string? expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(expected, SecretValueCheck.Problem(value));
    }
}
