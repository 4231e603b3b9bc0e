using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.SecretSweep.Tests;

/// <summary>A fact over the whole suite's evidence: runs under tests/run-all.sh, skipped (and counted so) otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SuiteEvidenceFactAttribute : FactAttribute
{
    public SuiteEvidenceFactAttribute()
    {
        if (SuiteEvidence.Root is null)
        {
            Skip = $"sweeps the evidence of a whole run: run tests/run-all.sh (it sets {SuiteEvidence.DirectoryVariable})";
        }
    }
}
