namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The app images' two layers: a Debian base holding only what the .NET runtime needs (shared, byte for
/// byte, by both images) and the app in <c>/app</c>, owned by root.
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class LayerTests(ImagesFixture images)
{
    private const string LibraryFolder = "/usr/lib/x86_64-linux-gnu";

    [Fact]
    public void Layers_BothApps_ShareTheIdenticalBaseLayer()
    {
        Assert.Equal(2, images.Collector.LayerDigests.Count);
        Assert.Equal(2, images.Operator.LayerDigests.Count);
        Assert.Equal(images.Collector.LayerDigests[0], images.Operator.LayerDigests[0]);
        Assert.NotEqual(images.Collector.LayerDigests[1], images.Operator.LayerDigests[1]);
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Layers_AnyFile_IsNoShellNoPackageManagerNoDocs(string app)
    {
        string[] forbiddenNames = ["sh", "bash", "dash", "busybox", "dpkg", "apt", "apt-get", "ldconfig"];
        string[] forbiddenFolders = ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/etc/apt", "/var/lib/dpkg", "/usr/share/doc", "/usr/share/man"];

        var entries = images.Archive(app).AllLayerEntries().ToList();

        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, entry => forbiddenNames.Contains(Path.GetFileName(entry.Path)));
        Assert.DoesNotContain(entries, entry => forbiddenFolders.Any(folder => entry.Path == folder || entry.Path.StartsWith(folder + "/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("libc.so.6")]
    [InlineData("libstdc++.so.6")]
    [InlineData("libgcc_s.so.1")]
    [InlineData("libssl.so.3")]
    [InlineData("libcrypto.so.3")]
    [InlineData("libz.so.1")]
    [InlineData("ld-linux-x86-64.so.2")]
    public void BaseLayer_SharedLibraryTheRuntimeLoads_IsAFileOrALinkToOne(string library)
    {
        var entry = images.Collector.Find($"{LibraryFolder}/{library}");

        Assert.NotNull(entry);
        if (entry.LinkName.Length > 0)
        {
            entry = images.Collector.Find($"{LibraryFolder}/{entry.LinkName}");
            Assert.NotNull(entry);
        }

        Assert.True(entry.IsFile, $"{library}: {entry}");
        Assert.True(entry.Length > 0);
    }

    [Fact]
    public void BaseLayer_CaBundle_HoldsTheMozillaRootsWhereOpenSslLooks()
    {
        var bundle = images.Collector.Find("/etc/ssl/certs/ca-certificates.crt");
        var certificates = System.Text.Encoding.ASCII.GetString(bundle?.Content ?? []).Split("-----BEGIN CERTIFICATE-----").Length - 1;

        Assert.True(certificates > 100, $"{certificates} certificates in the bundle");
        Assert.Equal("/etc/ssl/certs/ca-certificates.crt", images.Collector.Find("/usr/lib/ssl/cert.pem")?.LinkName);
        Assert.Equal("usr/lib", images.Collector.Find("/lib")?.LinkName);
        Assert.True(images.Collector.Find("/usr/share/zoneinfo/Europe/Paris")?.IsFile);
    }

    [Fact]
    public void BaseLayer_Users_NonrootIs65532AndOwnsItsHomeAndTmpIsSticky()
    {
        var passwd = System.Text.Encoding.ASCII.GetString(images.Collector.Find("/etc/passwd")?.Content ?? []);
        var group = System.Text.Encoding.ASCII.GetString(images.Collector.Find("/etc/group")?.Content ?? []);
        var home = images.Collector.Find("/home/nonroot");
        var tmp = images.Collector.Find("/tmp");

        Assert.Contains("nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", passwd, StringComparison.Ordinal);
        Assert.Contains("nonroot:x:65532:\n", group, StringComparison.Ordinal);
        Assert.NotNull(home);
        Assert.NotNull(tmp);
        Assert.Equal((65532, 65532), (home.Uid, home.Gid));
        Assert.Equal((0, 0), (tmp.Uid, tmp.Gid));
        Assert.True(tmp.Mode.HasFlag(UnixFileMode.StickyBit | UnixFileMode.OtherWrite), $"/tmp mode {tmp.Mode}");
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void AppLayer_EveryEntry_IsUnderAppOwnedByRootAndNotWritableByOthers(string app)
    {
        var entries = images.Archive(app).Layer(1).Where(entry => entry.Path != "/").ToList();

        Assert.Contains(entries, entry => entry.Path == $"/app/S1IdentityK8s.{char.ToUpperInvariant(app[0])}{app[1..]}");
        Assert.All(entries, entry =>
        {
            Assert.True(entry.Path == "/app" || entry.Path.StartsWith("/app/", StringComparison.Ordinal), entry.Path);
            Assert.Equal((0, 0), (entry.Uid, entry.Gid));
            Assert.False(entry.Mode.HasFlag(UnixFileMode.GroupWrite) || entry.Mode.HasFlag(UnixFileMode.OtherWrite), $"{entry.Path} mode {entry.Mode}");
        });
    }

    [Fact]
    public void AppLayer_Operator_IsSelfContainedWithoutIcu()
    {
        var names = images.Archive("operator").Layer(1).Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("/app/libcoreclr.so", names);
        Assert.Contains("/app/System.Private.CoreLib.dll", names);
        Assert.Contains("/app/Microsoft.AspNetCore.dll", names);
        Assert.DoesNotContain(images.Archive("operator").AllLayerEntries(), entry => Path.GetFileName(entry.Path).StartsWith("libicu", StringComparison.Ordinal));
    }

    [Fact]
    public void AppLayer_Collector_IsOneNativeAotBinaryWithoutRuntimeOrSymbols()
    {
        var names = images.Archive("collector").Layer(1).Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("/app/S1IdentityK8s.Collector", names);
        Assert.DoesNotContain("/app/libcoreclr.so", names);
        Assert.DoesNotContain(names, name => name.EndsWith(".dll", StringComparison.Ordinal) || name.EndsWith(".dbg", StringComparison.Ordinal));
        Assert.DoesNotContain(images.Archive("collector").AllLayerEntries(), entry => Path.GetFileName(entry.Path).StartsWith("libicu", StringComparison.Ordinal));
    }
}
