using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace S1IdentityK8s.TestSupport.Security;

/// <summary>
/// What the suite-wide secret sweep reads: every secret a test hands the product, and everything the product
/// wrote that someone other than the secret's owner could read (process output, pod logs, Events, intake
/// status, ConfigMaps, state directories with checkpoints and dead letters). Recorded only when
/// <c>S1K8S_EVIDENCE_DIR</c> is set (<c>tests/run-all.sh</c> sets it); otherwise every call does nothing.
/// </summary>
public static partial class SuiteEvidence
{
    /// <summary>The variable naming the folder the evidence goes to.</summary>
    public const string DirectoryVariable = "S1K8S_EVIDENCE_DIR";

    /// <summary>Values shorter than this are not swept: they would match ordinary text.</summary>
    public const int MinimumSecretLength = 8;

    // Dead letters of the 250 KiB tests and big checkpoints are kept whole; a runaway file is cut here.
    private const long MaxCopiedFileBytes = 16 * 1024 * 1024;

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> KnownSecrets = new(StringComparer.Ordinal);
    private static long _sequence;

    /// <summary>The evidence folder, or null when evidence is not recorded.</summary>
    public static string? Root =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } root ? root : null;

    /// <summary>Records a value that must never appear in the product's output.</summary>
    public static void AddSecret(string? value)
    {
        if (Root is not { } root || value is null || value.Trim().Length < MinimumSecretLength)
        {
            return;
        }

        lock (Gate)
        {
            if (!KnownSecrets.Add(value))
            {
                return;
            }

            var folder = Directory.CreateDirectory(Path.Combine(root, "secrets")).FullName;
            // Base64 per line: a value may hold anything, the file stays one value per line.
            File.AppendAllText(Path.Combine(folder, $"{Environment.ProcessId}.txt"), Convert.ToBase64String(Encoding.UTF8.GetBytes(value.Trim())) + "\n");
        }
    }

    /// <summary>Records the credentials among <paramref name="environment"/> (names ending in TOKEN, KEY or PASSWORD).</summary>
    public static void AddSecretsOf(IReadOnlyDictionary<string, string?>? environment)
    {
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (CredentialName().IsMatch(name))
            {
                AddSecret(value);
            }
        }
    }

    /// <summary>Records <paramref name="content"/>, something the product wrote, under <paramref name="kind"/>.</summary>
    public static void Add(string kind, string name, string content)
    {
        if (NewFile(kind, name) is { } path)
        {
            File.WriteAllText(path, content);
        }
    }

    /// <summary>Copies every file under <paramref name="directory"/> (e.g. a collector's state directory).</summary>
    public static void AddDirectory(string kind, string directory)
    {
        if (Root is null || !Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            try
            {
                using var source = File.OpenRead(file);
                if (NewFile(kind, Path.GetRelativePath(directory, file)) is { } path)
                {
                    using var target = File.Create(path);
                    CopyAtMost(source, target, MaxCopiedFileBytes);
                }
            }
            catch (IOException)
            {
                // A file the product is still replacing (atomic rename) is read on the next disposal, if any.
            }
        }
    }

    private static string? NewFile(string kind, string name)
    {
        if (Root is not { } root)
        {
            return null;
        }

        var folder = Directory.CreateDirectory(Path.Combine(root, kind)).FullName;
        var number = Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var safe = UnsafeNameCharacters().Replace(name, "_");
        return Path.Combine(folder, $"{Environment.ProcessId}-{number}-{safe[..Math.Min(safe.Length, 80)]}.txt");
    }

    private static void CopyAtMost(Stream source, Stream target, long limit)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while (copied < limit && (read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - copied))) > 0)
        {
            target.Write(buffer, 0, read);
            copied += read;
        }
    }

    [GeneratedRegex("(TOKEN|KEY|PASSWORD)$", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeNameCharacters();
}
