namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The Sekoia.io regions an intake can push to (each has its own intake URL).</summary>
public static class SekoiaRegions
{
    /// <summary>France 1, <c>https://intake.sekoia.io</c>: the default.</summary>
    public const string Fra1 = "FRA1";

    /// <summary>France 2.</summary>
    public const string Fra2 = "FRA2";

    /// <summary>Monaco 1.</summary>
    public const string Mco1 = "MCO1";

    /// <summary>United Arab Emirates 1.</summary>
    public const string Uae1 = "UAE1";

    /// <summary>United States 1.</summary>
    public const string Usa1 = "USA1";

    /// <summary>Singapore 1.</summary>
    public const string Sgp1 = "SGP1";
}
