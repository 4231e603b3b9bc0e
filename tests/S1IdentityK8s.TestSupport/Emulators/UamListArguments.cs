namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>The arguments of one <c>alerts</c> list field, after variable substitution.</summary>
public sealed record UamListArguments
{
    /// <summary>The filters, AND-ed, in the order sent.</summary>
    public IReadOnlyList<UamFilter> Filters { get; init; } = [];

    /// <summary><c>sort.by</c>; null when no sort was sent (the emulator then sorts by detectedAt DESC).</summary>
    public string? SortBy { get; init; }

    /// <summary><c>sort.order</c> (<c>ASC</c> or <c>DESC</c>); null when not sent.</summary>
    public string? SortOrder { get; init; }

    /// <summary><c>first</c>; null when not sent (the emulator's default page size applies).</summary>
    public int? First { get; init; }

    /// <summary><c>after</c>; null on the first page.</summary>
    public string? After { get; init; }

    /// <summary>The first filter on <paramref name="fieldId"/>, or null.</summary>
    public UamFilter? FilterOn(string fieldId) => Filters.FirstOrDefault(f => f.FieldId == fieldId);
}
