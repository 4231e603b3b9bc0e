using System.Buffers;
using System.Text.Json;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>The JSON bodies UAM answers with: data, GraphQL errors, and SentinelOne's REST error envelope.</summary>
internal static class UamResponseBodies
{
    public const string RestUnauthorized =
        """{"errors":[{"code":4010010,"detail":"Authentication failed.","title":"Authentication Failed"}],"data":null}""";

    public const string RestForbidden =
        """{"errors":[{"code":4030010,"detail":"You do not have permission to perform this action.","title":"Forbidden"}],"data":null}""";

    public const string GraphQLUnauthenticated =
        """{"data":null,"errors":[{"message":"Unauthorized","extensions":{"code":"UNAUTHENTICATED"}}]}""";

    /// <summary>
    /// <c>{"data": ..., "errors": [...]}</c>: <c>data</c> is null unless <paramref name="fields"/> is given,
    /// <c>errors</c> is left out when <paramref name="errorCode"/> is null.
    /// </summary>
    public static byte[] Build(IReadOnlyList<ResolvedField>? fields, string? errorCode, string? errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            if (fields is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteData(writer, fields);
            }
            if (errorCode is not null)
            {
                writer.WriteStartArray("errors");
                writer.WriteStartObject();
                writer.WriteString("message", errorMessage ?? errorCode);
                writer.WriteStartObject("extensions");
                writer.WriteString("code", errorCode);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteData(Utf8JsonWriter writer, IReadOnlyList<ResolvedField> fields)
    {
        writer.WriteStartObject();
        foreach (var resolved in fields)
        {
            writer.WritePropertyName(resolved.Field.ResponseKey);
            if (resolved.Page is { } page)
            {
                ConnectionWriter.Write(writer, page, resolved.Field.Selection);
            }
            else if (resolved.Alert is { } alert)
            {
                alert.WriteSelected(writer, resolved.Field.Selection);
            }
            else if (resolved.Field.DetailId is not null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue("Query");
            }
        }
        writer.WriteEndObject();
    }
}
