namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>The <c>fieldId</c> values the emulator filters and sorts on; anything else is BAD_USER_INPUT.</summary>
internal static class AlertFieldIds
{
    public const string DetectedAt = "detectedAt";
    public const string UpdatedAt = "updatedAt";
    public const string CreatedAt = "createdAt";
    public const string DetectionProduct = "detectionProduct";
    public const string Status = "status";
    public const string Severity = "severity";
    public const string Id = "id";

    /// <summary>Fields compared as epoch milliseconds; also the sortable fields.</summary>
    public static bool IsTime(string fieldId) => fieldId is DetectedAt or UpdatedAt or CreatedAt;

    /// <summary>Fields compared as strings (ordinal, case-sensitive: <c>"identity"</c> matches nothing).</summary>
    public static bool IsString(string fieldId) => fieldId is DetectionProduct or Status or Severity or Id;
}
