using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// One sample alert serialised once with holes where generated alerts differ (id, times, severity, finding
/// uid): a generated alert is then stored as its <see cref="SyntheticAlertValues"/> (about 300 bytes instead
/// of 7 KB as a parsed document). Responses are written from the parsed template, each hole filled as it
/// is written (<see cref="TemplateFill"/>), so serving an alert allocates nothing per alert; a whole copy is
/// spliced and parsed only when asked for (<see cref="Materialize"/>). Either way the JSON equals what
/// <see cref="AlertSynthesizer.Apply"/> builds for the same values.
/// </summary>
internal sealed class AlertTemplate
{
    private const string HolePrefix = "@@hole:";
    private static readonly byte[] QuotedHolePrefix = Encoding.UTF8.GetBytes("\"" + HolePrefix);

    // Values no sample contains, so every occurrence in the built alert is a hole.
    private const string DummyId = "00000000-dead-4bee-8f00-00000000d1d1";
    private const string DummyFinding = "00000000-dead-4bee-8f00-00000000f1f1";
    private const long DummyDetectedMs = 1_111_111_111_111;
    private static readonly SyntheticAlertValues Dummy = new(DummyId, DummyDetectedMs, DummyDetectedMs + 222, DummyDetectedMs + 333, "CRITICAL", null);

    private readonly byte[][] _segments;
    private readonly Hole[] _holes;
    private readonly Hole[] _marked;

    private AlertTemplate(JsonObject sample, byte[] marked, byte[][] segments, Hole[] holes, Hole[] byNumber)
    {
        Sample = sample;
        _segments = segments;
        _holes = holes;
        _marked = byNumber;
        Root = JsonDocument.Parse(marked).RootElement;
        Product = sample["detectionSource"]?["product"]?.GetValue<string>();
        Status = sample["status"]?.GetValue<string>();
        NeedsFindingUid = sample["rawData"] is not JsonObject;
    }

    private enum Hole
    {
        Id,
        DetectedAt,
        CreatedAt,
        UpdatedAt,
        Severity,
        DetectedEpoch,
        SeverityId,
        FindingUid,
    }

    /// <summary>The template parsed, each hole a string <c>"@@hole:N@@"</c>.</summary>
    public JsonElement Root { get; }

    /// <summary>The sample this template was made from.</summary>
    public JsonObject Sample { get; }

    /// <summary><c>detectionSource.product</c> of every alert of this template.</summary>
    public string? Product { get; }

    /// <summary><c>status</c> of every alert of this template.</summary>
    public string? Status { get; }

    /// <summary>Whether alerts of this template carry a synthesized finding (the sample had no detail).</summary>
    public bool NeedsFindingUid { get; }

    /// <summary>Builds the template of <paramref name="sample"/>.</summary>
    public static AlertTemplate For(JsonObject sample)
    {
        var needsFinding = sample["rawData"] is not JsonObject;
        var alert = AlertSynthesizer.Apply(sample, Dummy with { FindingUid = needsFinding ? DummyFinding : null });
        var holes = new List<Hole>();
        string Mark(Hole hole)
        {
            holes.Add(hole);
            return HolePrefix + (holes.Count - 1).ToString(CultureInfo.InvariantCulture) + "@@";
        }

        var byValue = new Dictionary<string, Hole>(StringComparer.Ordinal)
        {
            [DummyId] = Hole.Id,
            [DummyFinding] = Hole.FindingUid,
            [UamTimestamp.Format(Dummy.DetectedMs)] = Hole.DetectedAt,
            [UamTimestamp.Format(Dummy.CreatedMs)] = Hole.CreatedAt,
            [UamTimestamp.Format(Dummy.UpdatedMs)] = Hole.UpdatedAt,
            [Dummy.DetectedMs.ToString(CultureInfo.InvariantCulture)] = Hole.DetectedEpoch,
        };
        alert["severity"] = Mark(Hole.Severity);
        alert["rawData"]!["severity_id"] = Mark(Hole.SeverityId);
        ReplaceStrings(alert, byValue, Mark);

        var marked = JsonSerializer.SerializeToUtf8Bytes(alert);
        var (segments, ordered) = Split(marked, holes);
        return new AlertTemplate(sample, marked, segments, ordered, [.. holes]);
    }

    /// <summary>The alert with <paramref name="values"/>, parsed (an immutable element owning its memory).</summary>
    public JsonElement Materialize(in SyntheticAlertValues values)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        for (var i = 0; i < _holes.Length; i++)
        {
            buffer.Write(_segments[i]);
            WriteHole(buffer, _holes[i], values);
        }
        buffer.Write(_segments[^1]);
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Whether <paramref name="raw"/> (a value's raw JSON) holds a hole anywhere.</summary>
    public static bool HasHole(ReadOnlySpan<byte> raw) => raw.IndexOf(QuotedHolePrefix) >= 0;

    /// <summary>
    /// When <paramref name="raw"/> (a value's raw JSON) is a hole, writes its value for <paramref name="values"/>
    /// and returns true; otherwise writes nothing and returns false.
    /// </summary>
    public bool TryWriteHole(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, in SyntheticAlertValues values)
    {
        if (!raw.StartsWith(QuotedHolePrefix))
        {
            return false;
        }
        var digits = raw[QuotedHolePrefix.Length..];
        var number = 0;
        for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            number = (number * 10) + (digits[i] - '0');
        }
        switch (_marked[number])
        {
            case Hole.SeverityId:
                writer.WriteNumberValue(DetailSynthesizer.SeverityId(values.Severity));
                break;
            case var hole:
                writer.WriteStringValue(Text(hole, values));
                break;
        }
        return true;
    }

    private static string Text(Hole hole, in SyntheticAlertValues values) => hole switch
    {
        Hole.Id => values.Id,
        Hole.FindingUid => values.FindingUid ?? values.Id,
        Hole.DetectedAt => UamTimestamp.Format(values.DetectedMs),
        Hole.CreatedAt => UamTimestamp.Format(values.CreatedMs),
        Hole.UpdatedAt => UamTimestamp.Format(values.UpdatedMs),
        Hole.Severity => values.Severity,
        Hole.DetectedEpoch => values.DetectedMs.ToString(CultureInfo.InvariantCulture),
        Hole.SeverityId => DetailSynthesizer.SeverityId(values.Severity).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(hole), hole, null),
    };

    private static void WriteHole(ArrayBufferWriter<byte> buffer, Hole hole, in SyntheticAlertValues values)
    {
        var text = hole == Hole.SeverityId ? Text(hole, values) : Quote(Text(hole, values));
        var span = buffer.GetSpan(text.Length);
        var written = Encoding.UTF8.GetBytes(text, span);
        buffer.Advance(written);
    }

    // Ids, severities and timestamps hold nothing JSON would escape.
    private static string Quote(string value) => "\"" + value + "\"";

    private static void ReplaceStrings(JsonNode? node, Dictionary<string, Hole> byValue, Func<Hole, string> mark)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (Hole(value) is { } hole)
                    {
                        obj[key] = mark(hole);
                    }
                    else
                    {
                        ReplaceStrings(value, byValue, mark);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Hole(array[i]) is { } hole)
                    {
                        array[i] = mark(hole);
                    }
                    else
                    {
                        ReplaceStrings(array[i], byValue, mark);
                    }
                }
                break;
            default:
                break;
        }

        Hole? Hole(JsonNode? value) =>
            value is JsonValue v && v.TryGetValue<string>(out var text) && byValue.TryGetValue(text, out var hole) ? hole : null;
    }

    // The bytes around each quoted marker "@@hole:N@@", and the holes in the order they occur.
    private static (byte[][] Segments, Hole[] Holes) Split(byte[] json, List<Hole> marked)
    {
        var prefix = Encoding.UTF8.GetBytes("\"" + HolePrefix);
        var segments = new List<byte[]>();
        var holes = new List<Hole>();
        var from = 0;
        while (json.AsSpan(from).IndexOf(prefix) is var at and >= 0)
        {
            var start = from + at;
            var digits = start + prefix.Length;
            var end = json.AsSpan(digits).IndexOf("@@\""u8);
            var number = int.Parse(Encoding.UTF8.GetString(json, digits, end), CultureInfo.InvariantCulture);
            segments.Add(json[from..start]);
            holes.Add(marked[number]);
            from = digits + end + 3;
        }
        segments.Add(json[from..]);
        if (holes.Count != marked.Count)
        {
            throw new InvalidOperationException($"{marked.Count} holes marked, {holes.Count} found in the serialised template");
        }
        return ([.. segments], [.. holes]);
    }
}
