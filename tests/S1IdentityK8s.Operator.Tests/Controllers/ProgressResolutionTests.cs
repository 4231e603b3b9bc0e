using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>When lagSeconds alone is worth a status write.</summary>
public sealed class ProgressResolutionTests
{
    [Theory]
    [InlineData("1s", 2L, 0L, false)] // a fast poll's normal swing: below the 10 s floor
    [InlineData("1s", 2L, 12L, true)]
    [InlineData("60s", 45L, 90L, false)] // one poll interval of swing at the default interval
    [InlineData("60s", 45L, 105L, true)]
    [InlineData("60s", 7200L, 7700L, false)] // two hours behind: a tenth (720 s) is the resolution
    [InlineData("60s", 7200L, 7920L, true)]
    [InlineData("60s", null, 0L, true)] // nothing shown yet
    public void LagMoved_ShownAndReported_WritesOnlyBeyondResolution(string pollInterval, long? shown, long reported, bool moved)
    {
        var spec = new IntakeSpec { Collection = new CollectionSpec { PollInterval = pollInterval } };

        Assert.Equal(moved, ProgressResolution.LagMoved(shown, reported, ProgressResolution.Of(spec, shown)));
    }
}
