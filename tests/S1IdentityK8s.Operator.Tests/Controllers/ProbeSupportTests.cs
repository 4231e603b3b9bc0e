using k8s.Models;
using S1IdentityK8s.Operator.Hosting;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>gRPC probes only where the apiserver keeps them (1.24+); TCP probes elsewhere.</summary>
public sealed class ProbeSupportTests
{
    [Theory]
    [InlineData("1", "20", false)]
    [InlineData("1", "23", false)]
    [InlineData("1", "24", true)]
    [InlineData("1", "31", true)]
    [InlineData("1", "27+", true)]
    [InlineData("1", "23+", false)]
    [InlineData("2", "0", true)]
    [InlineData("", "", false)]
    [InlineData("1", "unknown", false)]
    public void GrpcProbes_ServerVersion_SupportedFrom124(string major, string minor, bool grpc)
    {
        Assert.Equal(grpc, ProbeSupport.GrpcProbes(new VersionInfo { Major = major, Minor = minor }));
    }
}
