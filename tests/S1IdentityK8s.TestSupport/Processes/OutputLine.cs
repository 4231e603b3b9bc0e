namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>One line a child process wrote, from stdout or stderr, with when it arrived since the start.</summary>
public sealed record OutputLine(string Text, bool IsError, TimeSpan Elapsed)
{
    /// <summary><c>[err] text</c> or <c>[out] text</c>, for failure messages.</summary>
    public override string ToString() => (IsError ? "[err] " : "[out] ") + Text;
}
