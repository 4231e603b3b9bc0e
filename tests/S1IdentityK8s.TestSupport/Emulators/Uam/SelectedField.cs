namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// One field of a selection set after fragments are inlined and same-key fields merged;
/// <see cref="Children"/> is null for a leaf (the value is returned whole).
/// </summary>
internal sealed record SelectedField(string ResponseKey, string Name, IReadOnlyList<SelectedField>? Children);
