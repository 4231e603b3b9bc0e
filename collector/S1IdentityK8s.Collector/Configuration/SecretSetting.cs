namespace S1IdentityK8s.Collector.Configuration;

/// <summary>How one secret is configured: a file key, its resolved path if set, and the variable that wins over it.</summary>
/// <param name="FileKey">The YAML key of the file, e.g. <c>sentinelOne.apiTokenFile</c>.</param>
/// <param name="FilePath">The absolute file path, or null when the key is unset.</param>
/// <param name="Variable">The environment variable, e.g. <c>S1_API_TOKEN</c>.</param>
/// <param name="Required">Whether a missing secret is an error.</param>
internal sealed record SecretSetting(string FileKey, string? FilePath, string Variable, bool Required);
