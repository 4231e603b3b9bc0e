namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Resolves one secret: its environment variable when set and non-empty (trimmed), else its file. Errors name
/// the key, the variable or the file, never the value.
/// </summary>
internal static class SecretResolver
{
    /// <summary>The source of <paramref name="setting"/>, or null when absent (reported if required) or unusable (reported).</summary>
    public static SecretSource? Resolve(SecretSetting setting, IReadOnlyDictionary<string, string?> environment, ConfigErrors errors)
    {
        var fromEnvironment = environment.GetValueOrDefault(setting.Variable)?.Trim();
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var problem = SecretText.Check(fromEnvironment);
            if (problem == SecretProblem.None)
            {
                return SecretSource.FromValue(new SecretValue(fromEnvironment), $"env {setting.Variable}");
            }

            errors.Add($"env {setting.Variable}", $"the value {SecretText.Describe(problem)}");
            return null;
        }

        if (setting.FilePath is null)
        {
            if (setting.Required)
            {
                errors.Add($"{setting.FileKey} or env {setting.Variable}", "required");
            }

            return null;
        }

        if (SecretSource.TryFromFile(setting.FilePath, out var source, out var fileProblem))
        {
            return source;
        }

        var described = SecretText.Describe(fileProblem);
        errors.Add(setting.FileKey, LooksLikeToken(setting.FilePath)
            ? $"file {described} (path not shown: it looks like a token rather than a file path)"
            : $"file '{setting.FilePath}' {described}");
        return null;
    }

    /// <summary>
    /// A file name that is long, mixes letters and digits and has no extension is probably the token itself,
    /// pasted where its path belongs: such a path is never echoed.
    /// </summary>
    private static bool LooksLikeToken(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length >= 24 && !name.Contains('.', StringComparison.Ordinal)
            && name.Any(char.IsAsciiDigit) && name.Any(char.IsAsciiLetter);
    }
}
