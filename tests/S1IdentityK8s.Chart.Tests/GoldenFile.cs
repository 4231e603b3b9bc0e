using System.Text;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>
/// Compares rendered text with a committed golden file; with <c>S1K8S_REGENERATE=1</c> rewrites the file
/// instead, so an intended chart change is accepted by re-running the tests and reviewing the git diff.
/// </summary>
internal static class GoldenFile
{
    private const int ContextLines = 3;

    /// <summary>Whether this run rewrites golden files.</summary>
    public static bool Regenerating => Environment.GetEnvironmentVariable("S1K8S_REGENERATE") == "1";

    /// <summary>Asserts <paramref name="actual"/> equals the file at <paramref name="path"/> (or rewrites it).</summary>
    public static void AssertMatches(string path, string actual)
    {
        if (Regenerating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with S1K8S_REGENERATE=1 to write it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"{path} differs from the render; review the change, then accept it with "
                + $"S1K8S_REGENERATE=1.\n{Describe(expected, actual)}");
        }
    }

    /// <summary>The first differing line with a few lines of context, in unified-diff style.</summary>
    internal static string Describe(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = 0;
        while (first < expectedLines.Length && first < actualLines.Length && expectedLines[first] == actualLines[first])
        {
            first++;
        }

        var from = Math.Max(0, first - ContextLines);
        var text = new StringBuilder($"first difference at line {first + 1} ")
            .Append($"(golden {expectedLines.Length} lines, render {actualLines.Length} lines):\n");
        for (var i = from; i < first; i++)
        {
            text.Append("  ").Append(expectedLines[i]).Append('\n');
        }

        for (var i = first; i < Math.Min(expectedLines.Length, first + ContextLines); i++)
        {
            text.Append("- ").Append(expectedLines[i]).Append('\n');
        }

        for (var i = first; i < Math.Min(actualLines.Length, first + ContextLines); i++)
        {
            text.Append("+ ").Append(actualLines[i]).Append('\n');
        }

        return text.ToString();
    }
}
