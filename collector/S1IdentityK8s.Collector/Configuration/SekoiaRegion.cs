namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Sekoia.io regions (<c>sekoia.region</c>, case-insensitive in YAML).</summary>
public enum SekoiaRegion
{
    /// <summary>France 1, <c>https://intake.sekoia.io</c> (the default).</summary>
    Fra1,

    /// <summary>France 2, <c>https://intake.fra2.sekoia.io/api/v1/intake-http</c>.</summary>
    Fra2,

    /// <summary>Monaco 1, <c>https://intake.mco1.sekoia.io/api/v1/intake-http</c>.</summary>
    Mco1,

    /// <summary>United Arab Emirates 1, <c>https://intake.uae1.sekoia.io/api/v1/intake-http</c>.</summary>
    Uae1,

    /// <summary>United States 1, <c>https://intake.usa1.sekoia.io/api/v1/intake-http</c>.</summary>
    Usa1,

    /// <summary>Singapore 1, <c>https://intake.sgp1.sekoia.io</c>.</summary>
    Sgp1,
}
