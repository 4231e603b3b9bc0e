using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The collector's Service: gRPC (operator, grpcurl) and metrics (Prometheus).</summary>
public static class ServiceBuilder
{
    /// <summary>The Service.</summary>
    public static V1Service Build(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
        Spec = new V1ServiceSpec
        {
            Selector = IntakeNames.SelectorLabels(intake),
            Ports =
            [
                new V1ServicePort { Name = "grpc", Port = IntakeNames.GrpcPort, TargetPort = "grpc", Protocol = "TCP", AppProtocol = "grpc" },
                new V1ServicePort { Name = "metrics", Port = IntakeNames.MetricsPort, TargetPort = "metrics", Protocol = "TCP" },
            ],
        },
    };
}
