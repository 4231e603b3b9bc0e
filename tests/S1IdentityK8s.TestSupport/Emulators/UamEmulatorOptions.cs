namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>Start-up settings of <see cref="UamEmulator"/>; token and limits can also change at runtime.</summary>
public sealed record UamEmulatorOptions
{
    /// <summary>The accepted API token. Defaults to <c>uam-test-token</c>.</summary>
    public string? Token { get; init; } = "uam-test-token";

    /// <summary>Page size when <c>first</c> is absent (UAM's real default is undocumented). Defaults to 100.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Largest accepted <c>first</c>. Defaults to 1000, the largest value known to work.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>
    /// When true a larger <c>first</c> is silently clamped to <see cref="MaxPageSize"/>; when false
    /// (default) it is a BAD_USER_INPUT error.
    /// </summary>
    public bool ClampPageSize { get; init; }

    /// <summary>
    /// Aliased <c>alert(id)</c> lookups allowed per document; more is a validation error. Defaults to null
    /// (unlimited).
    /// </summary>
    public int? MaxDetailLookupsPerDocument { get; init; }

    /// <summary>
    /// Answer <c>endCursor: null</c> on the last page (allowed by the API; exercises that path).
    /// Defaults to true.
    /// </summary>
    public bool NullEndCursorOnLastPage { get; init; } = true;

    /// <summary>
    /// When true, a page asked <c>after</c> a cursor starts at the cursor's sort key inclusively, not strictly
    /// after its edge: the alert that ended one page (and any tied with it on the sort key) is on the next page
    /// too. Cursor semantics are undocumented (external-apis.md, 1.1); a server resuming at <c>key &gt;=</c> is one
    /// way the same alert comes back on two consecutive pages. Defaults to false (keyset: strictly after).
    /// </summary>
    public bool InclusiveCursors { get; init; }

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
    /// Whether every request is kept in <see cref="UamEmulator.Requests"/> (with its document text). Defaults
    /// to true; benchmarks set false so that a million-alert drain holds counts only.
    /// </summary>
    public bool RecordRequests { get; init; } = true;

    /// <summary>Clock for <c>updatedAt</c> bumps, late visibility and records. Defaults to the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
