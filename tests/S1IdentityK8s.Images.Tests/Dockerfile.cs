using System.Text.Json;
using System.Text.RegularExpressions;

namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// A Dockerfile read just enough to compare it with an image config: the final stage's base, user,
/// working folder, entrypoint, command (exec form), exposed ports, environment and labels, and every RUN.
/// </summary>
public sealed partial class Dockerfile
{
    /// <summary>The final stage's <c>FROM</c> image.</summary>
    public string BaseImage { get; private set; } = "";

    /// <summary>The final stage's <c>USER</c>, or null.</summary>
    public string? User { get; private set; }

    /// <summary>The final stage's last <c>WORKDIR</c>, or null.</summary>
    public string? WorkingDir { get; private set; }

    /// <summary>The final stage's <c>ENTRYPOINT</c> (exec form), or null.</summary>
    public IReadOnlyList<string>? Entrypoint { get; private set; }

    /// <summary>The final stage's <c>CMD</c> (exec form), or null.</summary>
    public IReadOnlyList<string>? Cmd { get; private set; }

    /// <summary>The final stage's <c>EXPOSE</c>d ports, as <c>port/protocol</c>.</summary>
    public IReadOnlyList<string> ExposedPorts => _exposed;

    /// <summary>The final stage's <c>ENV</c> (an empty value clears what the base image set).</summary>
    public IReadOnlyDictionary<string, string> Env => _env;

    /// <summary>The final stage's <c>LABEL</c>s.</summary>
    public IReadOnlyDictionary<string, string> Labels => _labels;

    /// <summary>The commands of every stage's <c>RUN</c>.</summary>
    public IReadOnlyList<string> RunCommands => _runs;

    private readonly List<string> _exposed = [];
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly List<string> _runs = [];

    /// <summary>Reads a Dockerfile.</summary>
    public static Dockerfile Read(string path)
    {
        var dockerfile = new Dockerfile();
        foreach (var (instruction, arguments) in Instructions(File.ReadAllLines(path)))
        {
            dockerfile.Apply(instruction, arguments);
        }

        return dockerfile;
    }

    private void Apply(string instruction, string arguments)
    {
        switch (instruction)
        {
            case "FROM":
                BaseImage = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                (User, WorkingDir, Entrypoint, Cmd) = (null, null, null, null);
                _exposed.Clear();
                _env.Clear();
                _labels.Clear();
                break;
            case "USER": User = arguments; break;
            case "WORKDIR": WorkingDir = arguments; break;
            case "ENTRYPOINT": Entrypoint = JsonSerializer.Deserialize<string[]>(arguments); break;
            case "CMD": Cmd = JsonSerializer.Deserialize<string[]>(arguments); break;
            case "RUN": _runs.Add(arguments); break;
            case "EXPOSE":
                _exposed.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(port => port.Contains('/', StringComparison.Ordinal) ? port : $"{port}/tcp"));
                break;
            case "ENV": AddPairs(_env, arguments); break;
            case "LABEL": AddPairs(_labels, arguments); break;
            default: break;
        }
    }

    private static void AddPairs(Dictionary<string, string> target, string arguments)
    {
        foreach (Match pair in Pair().Matches(arguments))
        {
            target[pair.Groups["key"].Value] = pair.Groups["quoted"].Success ? pair.Groups["quoted"].Value : pair.Groups["bare"].Value;
        }
    }

    /// <summary>Instructions with their arguments: comments dropped, continued lines joined.</summary>
    private static IEnumerable<(string Instruction, string Arguments)> Instructions(IEnumerable<string> lines)
    {
        var current = "";
        foreach (var line in lines.Select(line => line.Trim()).Where(line => !line.StartsWith('#')))
        {
            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\') || current.Trim().Length == 0)
            {
                continue;
            }

            var parts = current.Trim().Split(' ', 2);
            yield return (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
            current = "";
        }
    }

    [GeneratedRegex("""(?<key>[\w.\-]+)=(?:"(?<quoted>[^"]*)"|(?<bare>\S*))""")]
    private static partial Regex Pair();
}
