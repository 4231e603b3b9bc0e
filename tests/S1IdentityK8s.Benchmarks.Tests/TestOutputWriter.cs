using System.Text;
using Xunit.Abstractions;

namespace S1IdentityK8s.Benchmarks.Tests;

/// <summary>The runner's progress log, line by line, into the test's output (shown when it fails).</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            output.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
