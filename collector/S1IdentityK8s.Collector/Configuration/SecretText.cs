namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads and checks secret text; every message it produces names the problem, never the value.</summary>
internal static class SecretText
{
    /// <summary>Reads <paramref name="path"/> as a secret (surrounding whitespace trimmed) and checks it.</summary>
    public static SecretProblem TryRead(string path, out SecretValue? value)
    {
        value = null;
        if (Directory.Exists(path))
        {
            return SecretProblem.IsDirectory;
        }

        if (!File.Exists(path))
        {
            return SecretProblem.NotFound;
        }

        try
        {
            value = SecretValue.FromFile(path);
        }
        catch (FileNotFoundException)
        {
            return SecretProblem.NotFound;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SecretProblem.Unreadable;
        }

        var problem = Check(value.Reveal());
        if (problem != SecretProblem.None)
        {
            value = null;
        }

        return problem;
    }

    /// <summary>
    /// A token goes into an HTTP header or a JSON string as is, so it must be non-empty visible ASCII:
    /// an inner space or newline is a copy-paste accident that would otherwise surface as a confusing 401.
    /// </summary>
    public static SecretProblem Check(string value)
    {
        if (value.Length == 0)
        {
            return SecretProblem.Empty;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return SecretProblem.InvalidCharacters;
            }
        }

        return SecretProblem.None;
    }

    /// <summary>The end of an error message: "not found", "is empty", ...</summary>
    public static string Describe(SecretProblem problem) => problem switch
    {
        SecretProblem.NotFound => "not found",
        SecretProblem.IsDirectory => "is a directory, expected a file",
        SecretProblem.Unreadable => "cannot be read (check its permissions)",
        SecretProblem.Empty => "is empty",
        SecretProblem.InvalidCharacters => "holds whitespace, control or non-ASCII characters inside the value",
        _ => "is usable",
    };
}
