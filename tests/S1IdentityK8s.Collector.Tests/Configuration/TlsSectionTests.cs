using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public sealed class TlsSectionTests
{
    [Fact]
    public void Load_NoSection_SystemTrustOnly()
    {
        var tls = ConfigYaml.Valid(ConfigYaml.Minimal).Tls;

        Assert.Null(tls.CaFile);
        Assert.Empty(tls.CaCertificates);
    }

    [Fact]
    public void Load_RelativeCaFileWithTwoCas_ResolvedAgainstConfigDirectoryAndBothRead()
    {
        using var directory = new TempDirectory();
        using var proxy = TestCertificateAuthority.Create("proxy-ca");
        using var internalCa = TestCertificateAuthority.Create("internal-ca");
        directory.Write("pki/bundle.pem", "# corporate roots\n" + proxy.CertificatePem + internalCa.CertificatePem);
        var config = directory.Write("collector.yaml", ConfigYaml.Minimal + "tls:\n  caFile: pki/bundle.pem\n");

        var result = CollectorConfigLoader.Load(config, ConfigYaml.SecretsEnvironment());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(Path.Combine(directory.Path, "pki", "bundle.pem"), result.Options.Tls.CaFile);
        Assert.Equal(["CN=proxy-ca", "CN=internal-ca"], result.Options.Tls.CaCertificates.Select(c => c.Subject));
    }

    [Theory]
    [InlineData("tls:\n  caFIle: ca.pem\n", "tls.caFIle: unknown key (did you mean caFile?)")]
    [InlineData("tls:\n  ca_file: ca.pem\n", "tls.ca_file: unknown key (did you mean caFile?)")]
    [InlineData("tls: /etc/ca.pem\n", "tls: expected a mapping (key: value lines), got '/etc/ca.pem'")]
    [InlineData("tls:\n  caFile: /nonexistent/ca.pem\n", "tls.caFile: expected a PEM file holding at least one CA certificate, got '/nonexistent/ca.pem' (not found)")]
    public void Parse_BadSection_NamesTheKey(string section, string expected)
    {
        var result = ConfigYaml.Parse(ConfigYaml.Minimal + section);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors);
    }

    [Fact]
    public void Load_CaFileWithBrokenCertificateBlock_ReportsIt()
    {
        using var directory = new TempDirectory();
        var caFile = directory.Write("ca.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        var result = ConfigYaml.Parse(ConfigYaml.Minimal + $"tls:\n  caFile: {caFile}\n");

        Assert.Equal(
            [$"tls.caFile: expected a PEM file holding at least one CA certificate, got '{caFile}' (a CERTIFICATE block is not a valid certificate)"],
            result.Errors);
    }
}
