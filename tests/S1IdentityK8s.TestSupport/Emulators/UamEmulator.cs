using System.Diagnostics;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators.Uam;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// A loopback emulator of SentinelOne's UAM GraphQL endpoint (docs/external-apis.md, UAM GraphQL): real
/// GraphQL parsing, <c>alerts</c> list with filters, sort and cursor paging, aliased <c>alert(id)</c>
/// lookups, both 401 shapes, late indexing, alert updates and runtime fault injection. Every request is recorded.
/// </summary>
public sealed class UamEmulator : IAsyncDisposable
{
    /// <summary>The only path served; anything else is 404.</summary>
    public const string GraphQLPath = "/web/api/v2.1/unifiedalerts/graphql";

    private readonly RequestLog<UamRequestRecord> _requests;
    private static readonly Lazy<AlertTemplate[]> Templates = new(() => [.. AlertFixtures.LoadSamples().Select(AlertTemplate.For)]);

    private readonly long _started = Stopwatch.GetTimestamp();
    private LoopbackServer? _server;
    private int _arrivals;
    private volatile string? _token;
    private volatile UamUnauthorizedShape _unauthorizedShape;
    private volatile bool _denyPermission;
    private int _maxDetailLookups;

    private UamEmulator(UamEmulatorOptions options)
    {
        Options = options;
        _requests = new RequestLog<UamRequestRecord>(r => r.Number, options.RecordRequests);
        _token = options.Token;
        _maxDetailLookups = options.MaxDetailLookupsPerDocument ?? -1;
    }

    /// <summary>The options it was started with.</summary>
    public UamEmulatorOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>, or <c>https://</c> with a <see cref="UamEmulatorOptions.ServerCertificate"/>.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary><c>127.0.0.1:{port}</c>.</summary>
    public string Hostname => BaseAddress.Authority;

    /// <summary><c>http(s)://127.0.0.1:{port}</c>, no trailing slash: the collector's <c>hostname</c> setting.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The full GraphQL endpoint URL.</summary>
    public Uri GraphQLUri => new(BaseAddress, GraphQLPath);

    /// <summary>Injected latency and faults, changeable at any time.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>The accepted token; set null to revoke (every request then gets 401), set again to restore.</summary>
    public string? Token
    {
        get => _token;
        set => _token = value;
    }

    /// <summary>The body shape of 401 answers. Defaults to SentinelOne's REST envelope.</summary>
    public UamUnauthorizedShape UnauthorizedShape
    {
        get => _unauthorizedShape;
        set => _unauthorizedShape = value;
    }

    /// <summary>When true, requests with a valid token get 403 (REST envelope, code 4030010). Defaults to false.</summary>
    public bool DenyPermission
    {
        get => _denyPermission;
        set => _denyPermission = value;
    }

    /// <summary>Aliased <c>alert(id)</c> lookups allowed per document (more: validation error); null = unlimited.</summary>
    public int? MaxDetailLookupsPerDocument
    {
        get => Volatile.Read(ref _maxDetailLookups) is var max and >= 0 ? max : null;
        set => Volatile.Write(ref _maxDetailLookups, value ?? -1);
    }

    /// <summary>Alerts stored, visible or not yet.</summary>
    public int AlertCount => Store.Count;

    /// <summary>
    /// Edges served a second time, on the page after the one they ended, by <see cref="UamEmulatorOptions.InclusiveCursors"/>.
    /// </summary>
    public int RepeatedEdgeCount => Store.RepeatedEdges;

    /// <summary>
    /// Every completed request, in arrival order; recorded before its response is written. Empty when
    /// <see cref="UamEmulatorOptions.RecordRequests"/> is false.
    /// </summary>
    public IReadOnlyList<UamRequestRecord> Requests => _requests.Snapshot();

    /// <summary>Completed requests so far (counted even when not recorded).</summary>
    public int RequestCount => _requests.Count;

    /// <summary>Connections accepted so far, refused TLS handshakes included (they make no request).</summary>
    public int ConnectionCount => Server.ConnectionCount;

    /// <summary>Returns once at least <paramref name="count"/> connections were accepted (refused TLS handshakes included).</summary>
    public Task WaitForConnectionsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Server.WaitForConnectionsAsync(count, timeout, cancellationToken);

    internal AlertStore Store { get; } = new();

    private LoopbackServer Server => _server ?? throw new InvalidOperationException("the emulator is not started");

    /// <summary>Starts the emulator on its listen address (127.0.0.1 by default) with a free port; it serves as soon as this returns.</summary>
    public static async Task<UamEmulator> StartAsync(UamEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new UamEmulator(options ?? new UamEmulatorOptions());
        Security.SuiteEvidence.AddSecret(emulator.Options.Token);
        var handler = new UamRequestHandler(emulator);
        emulator._server = await LoopbackServer.StartAsync(
            handler.HandleAsync, emulator.Options.ListenAddress, emulator.Options.ServerCertificate, cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Adds (or replaces, by id) an alert; it is invisible to queries before <paramref name="visibleFrom"/>.</summary>
    public void AddAlert(JsonObject alert, DateTimeOffset? visibleFrom = null) => AddAlerts([alert], visibleFrom);

    /// <summary>Adds (or replaces, by id) alerts, copied; throws when one lacks <c>id</c> or a valid <c>detectedAt</c>.</summary>
    public void AddAlerts(IEnumerable<JsonObject> alerts, DateTimeOffset? visibleFrom = null) =>
        Store.Put(alerts, visibleFrom?.ToUnixTimeMilliseconds() ?? long.MinValue);

    /// <summary>
    /// Adds <paramref name="count"/> generated alerts, the same kind <see cref="AlertFixtures.Generate"/> makes
    /// (every sample round-robin, every detail field, <c>detectedAt</c> spread over [<paramref name="from"/>,
    /// <paramref name="to"/>) with ties), stored compactly: about 300 bytes each, their JSON built on each
    /// read. For benchmark backlogs of up to millions of alerts; what queries return is unchanged. The same
    /// arguments give the same alerts.
    /// </summary>
    public void AddGeneratedAlerts(int count, DateTimeOffset from, DateTimeOffset to, int seed, DateTimeOffset? visibleFrom = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        if (toMs <= fromMs)
        {
            throw new ArgumentException($"empty window [{from:O}, {to:O})", nameof(to));
        }
        var templates = Templates.Value;
        var synthesizer = new AlertSynthesizer(seed, toMs);
        var visibleFromMs = visibleFrom?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var times = synthesizer.DetectionTimes(count, fromMs);
        var stored = new StoredAlert[count];
        for (var i = 0; i < count; i++)
        {
            var template = templates[i % templates.Length];
            stored[i] = StoredAlert.Generated(template, synthesizer.Draw(times[i], template.NeedsFindingUid), visibleFromMs);
        }
        Store.Put(stored);
    }

    /// <summary>
    /// Sets <c>updatedAt</c> to now (at least 1 ms past its previous value, so every update is a new version),
    /// then applies <paramref name="mutate"/>, which may override it. Returns a copy of the new state;
    /// throws <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    public JsonObject UpdateAlert(string id, Action<JsonObject> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        var updated = Store.Update(id, current =>
        {
            var json = current.ToJsonObject();
            json["updatedAt"] = UamTimestamp.Format(Math.Max(NowMs(), current.UpdatedAtMs + 1));
            mutate(json);
            return StoredAlert.Create(json, current.VisibleFromMs);
        });
        return updated.ToJsonObject();
    }

    /// <summary>Every stored alert's id, detectedAt and current updatedAt (epoch ms), e.g. to check a generated backlog.</summary>
    public IReadOnlyList<(string Id, long DetectedAtMs, long UpdatedAtMs)> AlertTimes() =>
        Store.Snapshot().Select(a => (a.Id, a.DetectedAtMs, a.UpdatedAtMs)).ToList();

    /// <summary>Deletes an alert; false when the id is unknown.</summary>
    public bool RemoveAlert(string id) => Store.Remove(id);

    /// <summary>A copy of the stored alert, or null.</summary>
    public JsonObject? GetAlert(string id) => Store.Get(id)?.ToJsonObject();

    /// <summary>Forgets recorded requests (numbering continues).</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Returns once at least <paramref name="count"/> requests completed; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _requests.Signal.WaitAsync(() => RequestCount >= count, timeout,
            () => $"expected {count} UAM requests, got {RequestCount}", cancellationToken);

    /// <summary>Returns once <paramref name="condition"/> holds for the recorded requests; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForRequestsAsync(Func<IReadOnlyList<UamRequestRecord>, bool> condition, TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _requests.Signal.WaitAsync(() => condition(Requests), timeout,
            () => $"condition on UAM requests still false after {RequestCount} requests", cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal long NowMs() => Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    internal UamRequestRecord Arrive(bool authorizationOk) => new()
    {
        Number = Interlocked.Increment(ref _arrivals),
        ReceivedAt = Options.TimeProvider.GetUtcNow(),
        Elapsed = Stopwatch.GetElapsedTime(_started),
        Kind = UamRequestKind.Invalid,
        AuthorizationOk = authorizationOk,
        StatusCode = 0,
    };

    internal void Complete(UamRequestRecord record) => _requests.Add(record);
}
