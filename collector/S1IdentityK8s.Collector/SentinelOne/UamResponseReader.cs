using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Turns a UAM HTTP response into its <c>data</c> object or a classified <see cref="UamException"/>. UAM may
/// answer errors with SentinelOne's REST envelope or a GraphQL envelope, with HTTP 200 or not: the status
/// decides first, then GraphQL error codes.
/// </summary>
public static class UamResponseReader
{
    private const int MaxDetailLength = 200;

    /// <summary>
    /// Reads <paramref name="status"/> and <paramref name="body"/>; returns <c>data</c> or throws. With
    /// <paramref name="acceptPartialData"/>, errors that are neither credential nor server errors (an alert
    /// not found among aliased lookups) still return the data that came with them.
    /// </summary>
    public static JsonObject Read(HttpStatusCode status, string body, bool acceptPartialData = false)
    {
        var code = (int)status;
        var envelope = TryParse(body);
        var summary = Summarise(envelope);
        switch (code)
        {
            case 401 or 403:
                throw new UamException(UamFailureKind.CredentialsRejected,
                    $"SentinelOne rejected the API token (HTTP {code}{summary})", code);
            case 429:
                throw new UamException(UamFailureKind.Throttled, $"SentinelOne is rate limiting (HTTP 429{summary})", code);
            case >= 500:
                throw new UamException(UamFailureKind.Unavailable, $"SentinelOne server error (HTTP {code}{summary})", code);
            case >= 400:
                throw new UamException(UamFailureKind.QueryRejected, $"SentinelOne rejected the query (HTTP {code}{summary})", code);
            case < 200 or >= 300:
                throw new UamException(UamFailureKind.Unavailable, $"unexpected HTTP {code} from SentinelOne", code);
        }

        if (envelope is null)
        {
            throw new UamException(UamFailureKind.Unavailable, "SentinelOne answered HTTP 200 with a body that is not JSON", code);
        }
        if (envelope["errors"] is JsonArray { Count: > 0 } errors)
        {
            var failure = FromGraphQlErrors(errors, code, summary);
            if (!(acceptPartialData && failure.Kind == UamFailureKind.QueryRejected && envelope["data"] is JsonObject))
            {
                throw failure;
            }
        }
        return envelope["data"] as JsonObject
            ?? throw new UamException(UamFailureKind.Unavailable, "SentinelOne answered without 'data'", code);
    }

    private static UamException FromGraphQlErrors(JsonArray errors, int status, string summary)
    {
        var codes = errors.Select(e => (e?["extensions"]?["code"] as JsonValue)?.ToString() ?? "").ToList();
        var kind = codes.Any(c => c is "UNAUTHENTICATED" or "FORBIDDEN")
            ? UamFailureKind.CredentialsRejected
            : codes.Any(c => c is "INTERNAL_SERVER_ERROR" or "SERVICE_UNAVAILABLE" or "TIMEOUT" or "")
                ? UamFailureKind.Unavailable
                : UamFailureKind.QueryRejected;
        return new UamException(kind, $"SentinelOne GraphQL error{summary}", status);
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // ": <title or message> (<code>)" from either envelope, bounded, so logs show the server's reason.
    private static string Summarise(JsonObject? envelope)
    {
        if (envelope?["errors"] is not JsonArray { Count: > 0 } errors || errors[0] is not JsonObject first)
        {
            return "";
        }
        var text = (first["message"] ?? first["detail"] ?? first["title"])?.ToString() ?? "";
        var code = (first["extensions"]?["code"] ?? first["code"])?.ToString();
        var detail = code is null ? text : $"{text} [{code}]";
        return detail.Length == 0 ? "" : ": " + (detail.Length > MaxDetailLength ? detail[..MaxDetailLength] : detail);
    }
}
