using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>
/// An intake whose Secrets do not exist: the operator marks it Stalled (SecretMissing) and creates no
/// collector pod, so nothing on the node reaches for the network.
/// </summary>
internal static class StalledIntake
{
    /// <summary>The intake document alone (no Secrets, no ConfigMap), pointed at a closed loopback port.</summary>
    public static string Yaml(string name) => IntakeDocument(new IntakeManifest
    {
        Name = name,
        Hostname = "https://127.0.0.1:1",
        ApiToken = "unused",
        IntakeKey = "unused",
        SekoiaEndpoint = "https://127.0.0.1:1",
    });

    /// <summary>The last YAML document of <paramref name="manifest"/>: the intake itself.</summary>
    public static string IntakeDocument(IntakeManifest manifest) => manifest.ToYaml().Split("---\n")[^1];
}
