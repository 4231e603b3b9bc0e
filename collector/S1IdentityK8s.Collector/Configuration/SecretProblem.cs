namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Why a secret file or variable cannot be used.</summary>
internal enum SecretProblem
{
    /// <summary>Usable.</summary>
    None,

    /// <summary>The file does not exist.</summary>
    NotFound,

    /// <summary>The path is a directory.</summary>
    IsDirectory,

    /// <summary>Reading failed (permissions, I/O).</summary>
    Unreadable,

    /// <summary>Nothing but whitespace.</summary>
    Empty,

    /// <summary>Holds whitespace, control or non-ASCII characters inside the value.</summary>
    InvalidCharacters,
}
