using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// An opaque keyset cursor: the sort position (key, id) of an edge. Keyset rather than offset so paging
/// stays correct while alerts are added or updated between pages, as on a live server.
/// </summary>
internal readonly record struct AlertCursor(string SortBy, bool Descending, long Key, string Id)
{
    private const string Version = "uam1";

    public static AlertCursor For(StoredAlert alert, string sortBy, bool descending) =>
        new(sortBy, descending, alert.TimeOf(sortBy), alert.Id);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Version, SortBy,
        Descending ? "DESC" : "ASC", Key.ToString(CultureInfo.InvariantCulture), Id)));

    public static bool TryDecode(string text, out AlertCursor cursor)
    {
        cursor = default;
        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = plain.Split('|', 5);
        if (parts.Length != 5 || parts[0] != Version || parts[2] is not ("ASC" or "DESC")
            || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var key))
        {
            return false;
        }
        cursor = new AlertCursor(parts[1], parts[2] == "DESC", key, parts[4]);
        return true;
    }

    /// <summary>Whether <paramref name="alert"/> comes strictly after this cursor in its sort order.</summary>
    public bool Precedes(StoredAlert alert)
    {
        var keyOrder = alert.TimeOf(SortBy).CompareTo(Key);
        var order = keyOrder != 0 ? keyOrder : string.CompareOrdinal(alert.Id, Id);
        return Descending ? order < 0 : order > 0;
    }
}
