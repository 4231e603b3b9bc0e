namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>How the intake answered one <c>/batch</c> request, once transient failures were retried away.</summary>
public enum IntakeOutcome
{
    /// <summary>2xx: every event of the request is acknowledged.</summary>
    Accepted,

    /// <summary>413: the request (or its single event) is too large.</summary>
    TooLarge,

    /// <summary>401/403: the intake key was refused.</summary>
    KeyRejected,

    /// <summary>400/422: the intake refused the content of the batch.</summary>
    Rejected,

    /// <summary>Another 4xx (404, 405, ...): the endpoint is wrong; nothing about the events themselves.</summary>
    EndpointRefused,
}
