namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>What a recorded UAM request asked for.</summary>
public enum UamRequestKind
{
    /// <summary>Not a valid GraphQL query for this API (bad JSON, syntax, unknown field, bad argument), or never read.</summary>
    Invalid,

    /// <summary>Only <c>alerts</c> list fields.</summary>
    List,

    /// <summary>Only <c>alert(id)</c> detail fields.</summary>
    Detail,

    /// <summary>Both list and detail fields in one document.</summary>
    Mixed,
}
