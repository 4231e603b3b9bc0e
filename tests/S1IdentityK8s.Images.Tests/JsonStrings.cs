using System.Text.Json.Nodes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>Reads a JSON array of strings (an image config's <c>Env</c>, <c>Cmd</c>, ...).</summary>
internal static class JsonStrings
{
    /// <summary>The strings of <paramref name="array"/>; empty when it is absent (JSON null or missing).</summary>
    public static string[] Of(JsonNode? array) =>
        array is null ? [] : [.. array.AsArray().Select(item => item!.GetValue<string>())];
}
