using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using S1IdentityK8s.TestSupport.Emulators.Sekoia;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// A loopback emulator of the Sekoia.io intake's <c>/batch</c> endpoint (docs/external-apis.md, Sekoia.io intake), served both
/// at <c>/batch</c> (FRA1 form) and <c>/api/v1/intake-http/batch</c> (regional form). Records every
/// request and event, counts copies per alert id and version, and injects faults at runtime.
/// </summary>
public sealed class SekoiaIntakeEmulator : IAsyncDisposable
{
    /// <summary>The base path of regional intakes (<c>https://intake.&lt;region&gt;.sekoia.io/api/v1/intake-http</c>).</summary>
    public const string RegionalBasePath = "/api/v1/intake-http";

    private readonly ChangeSignal _signal = new();
    private readonly IntakeEventLog _log;
    private readonly long _started = Stopwatch.GetTimestamp();
    private LoopbackServer? _server;
    private int _arrivals;
    private volatile string _intakeKey;

    private SekoiaIntakeEmulator(SekoiaIntakeOptions options)
    {
        Options = options;
        _log = new IntakeEventLog(options.RecordEvents, options.RecordVersions);
        _intakeKey = options.IntakeKey;
    }

    /// <summary>The options it was started with.</summary>
    public SekoiaIntakeOptions Options { get; }

    /// <summary>
    /// <c>http://127.0.0.1:{port}/</c> (<c>https://</c> with a <see cref="SekoiaIntakeOptions.ServerCertificate"/>):
    /// the intake URL in FRA1 form (POST <c>{url}/batch</c>).
    /// </summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary><c>http(s)://127.0.0.1:{port}</c>, no trailing slash: the intake URL in FRA1 form, for the <c>endpoint</c> setting.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary><c>http(s)://127.0.0.1:{port}/api/v1/intake-http</c>: the intake URL in regional form.</summary>
    public Uri RegionalAddress => new(BaseAddress, RegionalBasePath);

    /// <summary>The batch endpoint, <c>{BaseAddress}batch</c>.</summary>
    public Uri BatchUri => new(BaseAddress, "batch");

    /// <summary>Injected latency and faults, changeable at any time.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>The accepted <c>intake_key</c>; change it to simulate a rotated key.</summary>
    public string IntakeKey
    {
        get => _intakeKey;
        set => _intakeKey = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Every event ingested, acknowledged or not, in arrival order (empty without <see cref="SekoiaIntakeOptions.RecordEvents"/>).</summary>
    public IReadOnlyList<IntakeEvent> Events => _log.Events();

    /// <summary>Events refused for exceeding <see cref="SekoiaIntakeOptions.MaxEventBytes"/>: a correct collector sends none.</summary>
    public IReadOnlyList<IntakeEvent> RejectedOversize => _log.Rejected();

    /// <summary>
    /// Every completed request, in arrival order; recorded before its response is written (empty without
    /// <see cref="SekoiaIntakeOptions.RecordEvents"/>).
    /// </summary>
    public IReadOnlyList<IntakeRequestRecord> Requests => _log.Requests();

    /// <summary>Events ingested so far, acknowledged or not.</summary>
    public int EventCount => _log.EventCount;

    /// <summary>Events ingested in requests answered with a 2xx.</summary>
    public int AcknowledgedEventCount => _log.AcknowledgedCount;

    /// <summary>Completed requests so far.</summary>
    public int RequestCount => _log.RequestCount;

    /// <summary>Connections accepted so far, refused TLS handshakes included (they make no request).</summary>
    public int ConnectionCount => Server.ConnectionCount;

    /// <summary>Returns once at least <paramref name="count"/> connections were accepted (refused TLS handshakes included).</summary>
    public Task WaitForConnectionsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Server.WaitForConnectionsAsync(count, timeout, cancellationToken);

    private LoopbackServer Server => _server ?? throw new InvalidOperationException("the emulator is not started");

    /// <summary>Starts the emulator on its listen address (127.0.0.1 by default) with a free port; it serves as soon as this returns.</summary>
    public static async Task<SekoiaIntakeEmulator> StartAsync(SekoiaIntakeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var emulator = new SekoiaIntakeEmulator(options ?? new SekoiaIntakeOptions());
        Security.SuiteEvidence.AddSecret(emulator.Options.IntakeKey);
        var handler = new IntakeRequestHandler(emulator);
        emulator._server = await LoopbackServer.StartAsync(
            handler.HandleAsync, emulator.Options.ListenAddress, emulator.Options.ServerCertificate, cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Copies per alert id; <paramref name="acknowledgedOnly"/> counts only events answered with a 2xx.</summary>
    public IReadOnlyDictionary<string, int> CountsById(bool acknowledgedOnly = false) => _log.CountsById(acknowledgedOnly);

    /// <summary>Copies per (id, version); <paramref name="acknowledgedOnly"/> counts only events answered with a 2xx.</summary>
    public IReadOnlyDictionary<AlertVersionKey, int> CountsByVersion(bool acknowledgedOnly = false) =>
        _log.CountsByKey(acknowledgedOnly);

    /// <summary>
    /// Extra copies of the same (id, version): the sum of count − 1. With <paramref name="acknowledgedOnly"/>
    /// (default) copies the collector had to resend because the intake failed after ingesting are excused.
    /// </summary>
    public int DuplicateCount(bool acknowledgedOnly = true) => CountsByVersion(acknowledgedOnly).Values.Sum(c => c - 1);

    /// <summary>The ids of <paramref name="expected"/> never received (acknowledged or not), in the given order.</summary>
    public IReadOnlyList<string> MissingIds(IEnumerable<string> expected)
    {
        var received = CountsById();
        return expected.Where(id => !received.ContainsKey(id)).ToList();
    }

    /// <summary>Forgets recorded events and requests.</summary>
    public void Clear()
    {
        _log.Clear();
        _signal.Notify();
    }

    /// <summary>Returns once at least <paramref name="count"/> events were ingested; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForEventsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _signal.WaitAsync(() => EventCount >= count, timeout,
            () => $"expected {count} intake events, got {EventCount} in {RequestCount} requests", cancellationToken);

    /// <summary>Returns once every id in <paramref name="ids"/> arrived at least once; <see cref="TimeoutException"/> naming the missing otherwise.</summary>
    public Task WaitForAlertsAsync(IEnumerable<string> ids, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return _signal.WaitAsync(() => _log.ContainsAll(wanted), timeout, () =>
        {
            var missing = MissingIds(wanted);
            return $"{missing.Count} of {wanted.Count} alerts never arrived, e.g. {string.Join(", ", missing.Take(5))}";
        }, cancellationToken);
    }

    /// <summary>Returns once at least <paramref name="count"/> requests completed; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _signal.WaitAsync(() => RequestCount >= count, timeout,
            () => $"expected {count} intake requests, got {RequestCount}", cancellationToken);

    /// <summary>Returns once <paramref name="condition"/> holds, re-checked after each request; <see cref="TimeoutException"/> otherwise.</summary>
    public Task WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _signal.WaitAsync(condition, timeout,
            () => $"condition still false after {EventCount} events in {RequestCount} requests", cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static bool IsBatchPath(PathString path) =>
        path == "/batch" || path == RegionalBasePath + "/batch";

    internal IntakeRequestRecord Arrive(string path) => new()
    {
        Number = Interlocked.Increment(ref _arrivals),
        ReceivedAt = Options.TimeProvider.GetUtcNow(),
        Elapsed = Stopwatch.GetElapsedTime(_started),
        Path = path,
    };

    internal IntakeEvent NewEvent(IntakeRequestRecord request, int index, string raw, JsonNode? json, int utf8Bytes,
        bool acknowledged) => new()
        {
            Sequence = 0,
            RequestNumber = request.Number,
            IndexInBatch = index,
            Raw = raw,
            Json = json,
            AlertId = json is JsonObject obj && obj["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null,
            // Versions are only for the counts by version; hashing a million events would cost more than a benchmark should.
            Version = Options.RecordEvents || Options.RecordVersions ? Options.EventVersion(json, raw) : "",
            ReceivedAt = Options.TimeProvider.GetUtcNow(),
            Elapsed = Stopwatch.GetElapsedTime(_started),
            Acknowledged = acknowledged,
            Utf8Bytes = utf8Bytes,
        };

    /// <summary>Wakes waiters when a fault is drawn: a request held by a stall shows as it arrives, not when it ends.</summary>
    internal void Faulted() => _signal.Notify();

    internal void Complete(IntakeRequestRecord record, IEnumerable<IntakeEvent> accepted, IEnumerable<IntakeEvent> rejected)
    {
        _log.Add(record, accepted, rejected);
        _signal.Notify();
    }
}
