using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>
/// A validated <c>/batch</c> body: <c>{"intake_key": "...", "jsons": ["&lt;event as JSON string&gt;", ...]}</c>.
/// An element that is an object instead of a string is refused: the classic bug of forgetting to serialise.
/// </summary>
internal sealed class IntakeBatch
{
    private IntakeBatch(IReadOnlyList<(string Raw, JsonNode? Json, int Utf8Bytes)> events) => Events = events;

    public IReadOnlyList<(string Raw, JsonNode? Json, int Utf8Bytes)> Events { get; }

    /// <summary>Parses and checks the body; throws <see cref="IntakeRejection"/> (400, 401).</summary>
    /// <param name="body">The decompressed body.</param>
    /// <param name="intakeKey">The accepted key.</param>
    /// <param name="keyOk">Set once the key was checked.</param>
    /// <param name="keepJson">
    /// Whether each event's parsed JSON is kept; when false it is only validated and its <c>id</c> kept
    /// (in a one-property object), which is all that counting needs.
    /// </param>
    public static IntakeBatch Parse(byte[] body, string intakeKey, out bool? keyOk, bool keepJson = true)
    {
        keyOk = null;
        using var document = ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, "Body must be a JSON object.");
        }
        keyOk = root.TryGetProperty("intake_key", out var key) && key.ValueKind == JsonValueKind.String
            && key.GetString() == intakeKey;
        if (keyOk != true)
        {
            // The real answer to a bad key is undocumented; 401 is the emulator's choice.
            throw new IntakeRejection(StatusCodes.Status401Unauthorized, "Invalid intake key.");
        }
        if (!root.TryGetProperty("jsons", out var jsons) || jsons.ValueKind != JsonValueKind.Array)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, "'jsons' must be an array of strings.");
        }
        var events = new List<(string, JsonNode?, int)>(jsons.GetArrayLength());
        var index = 0;
        foreach (var element in jsons.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new IntakeRejection(StatusCodes.Status400BadRequest,
                    $"jsons[{index}] must be a string (the event serialised as JSON), got {element.ValueKind}.");
            }
            var raw = element.GetString()!;
            events.Add((raw, keepJson ? ParseEvent(raw, index) : IdOnly(raw, index), Encoding.UTF8.GetByteCount(raw)));
            index++;
        }
        return new IntakeBatch(events);
    }

    private static JsonDocument ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, "Body is not valid JSON: " + e.Message);
        }
    }

    // Same validation as ParseEvent, without materialising the event: a JsonObject holding only its id.
    private static JsonObject? IdOnly(string raw, int index)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? new JsonObject { ["id"] = id.GetString() }
                : null;
        }
        catch (JsonException e)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, $"jsons[{index}] is not valid JSON: {e.Message}");
        }
    }

    private static JsonNode? ParseEvent(string raw, int index)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, $"jsons[{index}] is not valid JSON: {e.Message}");
        }
    }
}
