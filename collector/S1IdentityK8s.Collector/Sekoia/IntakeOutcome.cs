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

    /// <summary>
    /// 400/422: the intake refused the request without saying whether the content or the key (its answer to
    /// an invalid key is undocumented): about the content only once it accepted other requests since.
    /// </summary>
    Rejected,

    /// <summary>Another 4xx (404, 405, ...): the endpoint is wrong; nothing about the events themselves.</summary>
    EndpointRefused,
}
