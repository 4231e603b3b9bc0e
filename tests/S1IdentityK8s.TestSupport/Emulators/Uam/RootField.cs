namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// One field of the query's root: an <c>alerts</c> list (<see cref="List"/> set), an <c>alert(id)</c>
/// lookup (<see cref="DetailId"/> set) or <c>__typename</c> (neither).
/// </summary>
internal sealed record RootField(
    string ResponseKey,
    UamListArguments? List,
    string? DetailId,
    IReadOnlyList<SelectedField> Selection);
