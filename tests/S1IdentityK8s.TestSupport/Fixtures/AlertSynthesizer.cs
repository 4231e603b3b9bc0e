using System.Globalization;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.TestSupport.Fixtures;

/// <summary>
/// Turns samples into distinct, consistent alerts: one seeded <see cref="Random"/> drives everything, so a
/// seed always yields the same ids and timestamps.
/// </summary>
internal sealed class AlertSynthesizer(int seed, long toMs)
{
    // Weighted towards the middle, as identity detections are.
    private static readonly string[] Severities = ["CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW", "INFO"];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>
    /// Sorted detection times in [fromMs, toMs). About one in six repeats its predecessor, and a run of up
    /// to five shares one millisecond, because ties are where paging and watermarks break.
    /// </summary>
    public long[] DetectionTimes(int count, long fromMs)
    {
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = _random.NextInt64(fromMs, toMs);
        }
        Array.Sort(times);
        for (var i = 1; i < count; i++)
        {
            if (_random.Next(6) == 0)
            {
                times[i] = times[i - 1];
            }
        }
        var middle = count / 2;
        for (var i = middle + 1; i < Math.Min(count, middle + 5); i++)
        {
            times[i] = times[middle];
        }
        return times;
    }

    /// <summary>
    /// The values that make the next alert distinct: its id, <c>createdAt</c>, <c>updatedAt</c>, severity and,
    /// for a sample without detail (<paramref name="needsFindingUid"/>), the uid of its synthesized finding.
    /// Drawn in the order <see cref="Create"/> always drew them, so a seed keeps yielding the same alerts.
    /// </summary>
    public SyntheticAlertValues Draw(long detectedMs, bool needsFindingUid)
    {
        var id = NewId();
        var createdMs = Math.Max(detectedMs, Math.Min(detectedMs + _random.Next(0, 1500), toMs - 1));
        // Most alerts are never touched after creation; some were triaged later within the window.
        var updatedMs = _random.Next(10) < 3 ? createdMs + _random.NextInt64(0, Math.Min(3_600_000, toMs - createdMs)) : createdMs;
        var severity = Severities[_random.Next(Severities.Length)];
        return new SyntheticAlertValues(id, detectedMs, createdMs, updatedMs, severity, needsFindingUid ? NewId() : null);
    }

    /// <summary>A copy of <paramref name="sample"/> as a new alert detected at <paramref name="detectedMs"/>.</summary>
    public JsonObject Create(JsonObject sample, long detectedMs) =>
        Apply(sample, Draw(detectedMs, needsFindingUid: sample["rawData"] is not JsonObject));

    /// <summary>A copy of <paramref name="sample"/> carrying <paramref name="values"/>, with every detail field.</summary>
    public static JsonObject Apply(JsonObject sample, SyntheticAlertValues values)
    {
        var alert = sample.DeepClone().AsObject();
        alert["id"] = values.Id;
        alert["detectedAt"] = UamTimestamp.Format(values.DetectedMs);
        alert["createdAt"] = UamTimestamp.Format(values.CreatedMs);
        alert["updatedAt"] = UamTimestamp.Format(values.UpdatedMs);
        alert["severity"] = values.Severity;
        foreach (var seen in new[] { "firstSeenAt", "lastSeenAt" })
        {
            if (alert[seen] is not null)
            {
                alert[seen] = UamTimestamp.Format(values.DetectedMs);
            }
        }
        if (alert["rawData"] is not JsonObject)
        {
            DetailSynthesizer.AddDetail(alert, values.FindingUid ?? values.Id);
        }
        AlignRawData(alert["rawData"]!.AsObject(), values.Id, values.DetectedMs, values.Severity);
        return alert;
    }

    // rawData repeats the alert's identity and time; keep it consistent with the new values.
    private static void AlignRawData(JsonObject rawData, string id, long detectedMs, string severity)
    {
        var epoch = detectedMs.ToString(CultureInfo.InvariantCulture);
        rawData["time"] = epoch;
        rawData["severity_id"] = DetailSynthesizer.SeverityId(severity);
        if (rawData["finding_info"] is JsonObject finding)
        {
            finding["internal_uid"] = id;
            foreach (var seen in new[] { "first_seen_time", "last_seen_time" })
            {
                if (finding[seen] is not null)
                {
                    finding[seen] = epoch;
                }
            }
        }
    }

    // UUID v4 layout from the seeded generator: deterministic, and unique within one run.
    private string NewId()
    {
        var bytes = new byte[16];
        string id;
        do
        {
            _random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            id = new Guid(bytes).ToString();
        }
        while (!_ids.Add(id));
        return id;
    }
}
