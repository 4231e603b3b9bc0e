using System.Text.Json;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>Writes an <c>AlertConnection</c> (<c>totalCount</c>, <c>pageInfo</c>, <c>edges</c>) as selected.</summary>
internal static class ConnectionWriter
{
    public static void Write(Utf8JsonWriter writer, ListPage page, IReadOnlyList<SelectedField> selection)
    {
        writer.WriteStartObject();
        foreach (var field in selection)
        {
            writer.WritePropertyName(field.ResponseKey);
            switch (field.Name)
            {
                case "totalCount":
                    writer.WriteNumberValue(page.TotalCount);
                    break;
                case "pageInfo":
                    WritePageInfo(writer, page, field.Children!);
                    break;
                case "edges":
                    WriteEdges(writer, page, field.Children!);
                    break;
                default:
                    writer.WriteStringValue(ConnectionSchema.Connection);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WritePageInfo(Utf8JsonWriter writer, ListPage page, IReadOnlyList<SelectedField> selection)
    {
        writer.WriteStartObject();
        foreach (var field in selection)
        {
            writer.WritePropertyName(field.ResponseKey);
            switch (field.Name)
            {
                case "endCursor":
                    WriteNullableString(writer, page.EndCursor);
                    break;
                case "startCursor":
                    WriteNullableString(writer, page.StartCursor);
                    break;
                case "hasNextPage":
                    writer.WriteBooleanValue(page.HasNextPage);
                    break;
                case "hasPreviousPage":
                    writer.WriteBooleanValue(page.HasPreviousPage);
                    break;
                default:
                    writer.WriteStringValue("PageInfo");
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteEdges(Utf8JsonWriter writer, ListPage page, IReadOnlyList<SelectedField> selection)
    {
        writer.WriteStartArray();
        foreach (var alert in page.Items)
        {
            writer.WriteStartObject();
            foreach (var field in selection)
            {
                writer.WritePropertyName(field.ResponseKey);
                switch (field.Name)
                {
                    case "cursor":
                        writer.WriteStringValue(page.CursorOf(alert));
                        break;
                    case "node":
                        alert.WriteSelected(writer, field.Children!);
                        break;
                    default:
                        writer.WriteStringValue("AlertEdge");
                        break;
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
