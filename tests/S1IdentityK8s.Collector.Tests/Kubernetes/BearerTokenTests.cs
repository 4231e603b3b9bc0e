using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

public sealed class BearerTokenTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Current_FileRotated_ReadAgainAfterAMinute()
    {
        var time = new FakeTimeProvider();
        File.WriteAllText(_path, "first-token\n");
        var token = BearerToken.FromFile(_path, time);
        Assert.Equal("first-token", token.Current());

        File.WriteAllText(_path, "second-token\n");
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("first-token", token.Current());
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("second-token", token.Current());
    }

    [Fact]
    public void Current_AfterARefusal_ReadsTheFileAtOnce()
    {
        var time = new FakeTimeProvider();
        File.WriteAllText(_path, "first-token");
        var token = BearerToken.FromFile(_path, time);
        _ = token.Current();
        File.WriteAllText(_path, "second-token");

        token.Refused();

        Assert.Equal("second-token", token.Current());
    }

    [Fact]
    public void Current_FileGoneAfterARead_KeepsTheLastToken()
    {
        var time = new FakeTimeProvider();
        File.WriteAllText(_path, "first-token");
        var token = BearerToken.FromFile(_path, time);
        _ = token.Current();
        File.Delete(_path);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("first-token", token.Current());
    }

    [Fact]
    public void ToString_NamesTheSourceNotTheToken()
    {
        File.WriteAllText(_path, "secret-token");
        var fromFile = BearerToken.FromFile(_path);
        _ = fromFile.Current();

        Assert.DoesNotContain("secret-token", fromFile.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", BearerToken.Fixed("secret-token").ToString(), StringComparison.Ordinal);
    }
}
