using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the optional <c>tls</c> section and the CA file it names.</summary>
internal static class TlsSectionReader
{
    private const string Expectation = "a PEM file holding at least one CA certificate";

    /// <summary>The section's options; problems (unreadable file, no certificate) go to the section's errors.</summary>
    public static TlsOptions Read(YamlSection section, ConfigPaths paths)
    {
        var caFile = paths.Resolve(section.OptionalText("caFile"));
        section.ReportUnknownKeys();
        if (caFile is null)
        {
            return new TlsOptions();
        }

        var (certificates, problem) = LoadCertificates(caFile);
        if (problem is not null)
        {
            section.Errors.Expected(section.KeyPath("caFile"), Expectation, $"'{caFile}' ({problem})");
            return new TlsOptions { CaFile = caFile };
        }

        return new TlsOptions { CaFile = caFile, CaCertificates = certificates };
    }

    private static (IReadOnlyList<X509Certificate2> Certificates, string? Problem) LoadCertificates(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ([], "not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], $"cannot be read: {e.GetType().Name}");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            // Only CERTIFICATE blocks are read; anything else (a key, comments) is skipped.
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            return ([], "a CERTIFICATE block is not a valid certificate");
        }

        return certificates.Count == 0 ? ([], "no certificate in it") : ([.. certificates], null);
    }
}
