namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>A request the intake refuses as a whole, answered with <see cref="Status"/> and a JSON message.</summary>
internal sealed class IntakeRejection : Exception
{
    public IntakeRejection(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public IntakeRejection()
        : this(400, "bad request")
    {
    }

    public IntakeRejection(string message)
        : this(400, message)
    {
    }

    public IntakeRejection(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
    }

    public int Status { get; }
}
