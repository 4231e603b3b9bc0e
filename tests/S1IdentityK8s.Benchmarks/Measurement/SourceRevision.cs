using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Benchmarks.Measurement;

/// <summary>The commit measured: <c>git rev-parse HEAD</c>, with whether the tree had changes.</summary>
/// <param name="Commit">The full commit id, or "unknown" outside a checkout.</param>
/// <param name="Dirty">Whether tracked files differed from that commit.</param>
/// <param name="Branch">The branch name, or null when detached or unknown.</param>
public sealed record SourceRevision(string Commit, bool Dirty, string? Branch)
{
    /// <summary>Asks git in <paramref name="repository"/>.</summary>
    public static async Task<SourceRevision> ReadAsync(string repository)
    {
        var git = new CliRunner("git");
        var head = await git.RunAsync(["-C", repository, "rev-parse", "HEAD"], null);
        if (!head.Succeeded)
        {
            return new SourceRevision("unknown", false, null);
        }
        var status = await git.RunAsync(["-C", repository, "status", "--porcelain", "--untracked-files=no"], null);
        var branch = await git.RunAsync(["-C", repository, "rev-parse", "--abbrev-ref", "HEAD"], null);
        var name = branch.StandardOutput.Trim();
        return new SourceRevision(head.StandardOutput.Trim(), status.StandardOutput.Trim().Length > 0,
            branch.Succeeded && name != "HEAD" ? name : null);
    }
}
