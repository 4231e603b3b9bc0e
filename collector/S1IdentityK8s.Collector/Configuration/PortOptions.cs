namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>http</c> and <c>grpc</c> sections: one listening port.</summary>
public sealed class PortOptions
{
    /// <summary><c>port</c>: 1..65535, or 0 for any free port (tests). Default 8080 for <c>http</c>, 50051 for <c>grpc</c>.</summary>
    public int Port { get; init; }
}
