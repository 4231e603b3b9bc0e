namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// Keeps request records in arrival order although concurrent requests complete out of order, so reading
/// them never needs a sort (tests may read thousands of records after every request).
/// </summary>
internal static class ArrivalOrder
{
    /// <summary>Inserts <paramref name="item"/> after every item with a smaller number; usually an append.</summary>
    public static void Insert<T>(List<T> list, T item, Func<T, int> number)
    {
        var index = list.Count;
        while (index > 0 && number(list[index - 1]) > number(item))
        {
            index--;
        }
        list.Insert(index, item);
    }
}
