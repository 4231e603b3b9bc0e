using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>One event the intake ingested (or, for oversize events, refused), with where it came from.</summary>
public sealed record IntakeEvent
{
    /// <summary>1-based order among all recorded events of its list.</summary>
    public required int Sequence { get; init; }

    /// <summary>The <see cref="IntakeRequestRecord.Number"/> of the request that carried it.</summary>
    public required int RequestNumber { get; init; }

    /// <summary>Its index in the request's <c>jsons</c> array.</summary>
    public required int IndexInBatch { get; init; }

    /// <summary>The <c>jsons</c> element exactly as received.</summary>
    public required string Raw { get; init; }

    /// <summary><see cref="Raw"/> parsed; treat as read-only.</summary>
    public required JsonNode? Json { get; init; }

    /// <summary>The event's string <c>id</c>, or null when it has none.</summary>
    public required string? AlertId { get; init; }

    /// <summary>The event's version (see <see cref="SekoiaIntakeOptions.EventVersion"/>).</summary>
    public required string Version { get; init; }

    /// <summary>Wall-clock receive time.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Receive time on a monotonic clock from the emulator's start.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Whether the client was told it succeeded (2xx). False when a fault answered after ingesting:
    /// the client must resend, so a later copy of this event is a legitimate duplicate.
    /// </summary>
    public required bool Acknowledged { get; init; }

    /// <summary>The id assigned in <c>event_ids</c>; null for refused events.</summary>
    public Guid? EventId { get; init; }

    /// <summary>UTF-8 size of <see cref="Raw"/>.</summary>
    public int Utf8Bytes { get; init; }

    /// <summary>(<see cref="AlertId"/> or empty, <see cref="Version"/>).</summary>
    public AlertVersionKey Key => new(AlertId ?? "", Version);
}
