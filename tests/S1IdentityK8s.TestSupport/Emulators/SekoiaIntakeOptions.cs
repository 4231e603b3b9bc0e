using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>Start-up settings of <see cref="SekoiaIntakeEmulator"/>; the intake key can also change at runtime.</summary>
public sealed record SekoiaIntakeOptions
{
    /// <summary>The accepted <c>intake_key</c>. Defaults to <c>sekoia-test-intake-key</c>.</summary>
    public string IntakeKey { get; init; } = "sekoia-test-intake-key";

    /// <summary>Largest request body, after gzip decompression; larger is 413. Defaults to 10 MiB.</summary>
    public long MaxRequestBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Largest event (UTF-8 bytes of one <c>jsons</c> string); larger is rejected. Defaults to 250 KiB.</summary>
    public int MaxEventBytes { get; init; } = 250 * 1024;

    /// <summary>
    /// The version of an event, paired with its <c>id</c> to count duplicates. Defaults to its
    /// <c>updatedAt</c> when present, else a hash of the serialised event: the collector strips
    /// <c>updatedAt</c>, so an alert updated in UAM arrives with different content, hence a new version.
    /// </summary>
    public Func<JsonNode?, string, string> EventVersion { get; init; } = DefaultVersion;

    /// <summary>
    /// Where it listens: 127.0.0.1 (the default), or the host address of the run's own node network
    /// (<see cref="Node.NodeNetwork.HostAddress"/>), where pods reach it. Nothing else is allowed.
    /// </summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>
    /// With a certificate (and its private key), it serves HTTPS and its addresses are <c>https://</c>: e.g.
    /// one from <see cref="TestCertificateAuthority.IssueServerCertificate"/> for the listen address. Defaults
    /// to null: plain HTTP, which the collector accepts for a loopback host only.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// Whether events and requests are kept (<see cref="SekoiaIntakeEmulator.Events"/>,
    /// <see cref="SekoiaIntakeEmulator.Requests"/>, versions for <see cref="SekoiaIntakeEmulator.CountsByVersion"/>).
    /// Defaults to true. When false every event is still validated exactly the same way (a string holding
    /// valid JSON, within the size limit), but only counts are kept: event, acknowledged and request counts
    /// and <see cref="SekoiaIntakeEmulator.CountsById"/>, so a million-alert benchmark holds no event bodies.
    /// </summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>
    /// With <see cref="RecordEvents"/> false, whether the per-version counts
    /// (<see cref="SekoiaIntakeEmulator.CountsByVersion"/>, duplicates) are still kept: a key per alert version,
    /// no body. Defaults to true; a benchmark of a million alerts turns it off.
    /// </summary>
    public bool RecordVersions { get; init; } = true;

    /// <summary>
    /// The status answered to an invalid <c>intake_key</c>. The real answer is undocumented ("expect 4xx",
    /// external-apis.md), so tests try several. Defaults to 401.
    /// </summary>
    public int InvalidKeyStatus { get; init; } = 401;

    /// <summary>
    /// An injected content refusal, not a documented behaviour: a batch holding an event (its raw JSON string)
    /// for which this returns true is answered <see cref="ContentRefusalStatus"/> and nothing of it is
    /// ingested, standing in for whatever content a real intake might refuse. Defaults to null (none).
    /// </summary>
    public Func<string, bool>? RefuseEvent { get; init; }

    /// <summary>The status of an injected content refusal: 400 or 422. Defaults to 400.</summary>
    public int ContentRefusalStatus { get; init; } = 400;

    /// <summary>Clock for records. Defaults to the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    private static string DefaultVersion(JsonNode? json, string raw) =>
        json is JsonObject obj && obj["updatedAt"] is JsonValue updated && updated.TryGetValue<string>(out var text)
            ? text
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)).AsSpan(0, 12));
}
