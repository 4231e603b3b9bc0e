namespace S1IdentityK8s.PodRunner.Volumes;

/// <summary>One file of a volume's payload: its bytes and permission bits.</summary>
public sealed record VolumeFile(byte[] Content, UnixFileMode Mode)
{
    /// <summary>The kubelet's default mode for volume files: 0644.</summary>
    public const UnixFileMode DefaultMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The mode from a pod spec's octal-valued integer (e.g. 420 = 0644), or <paramref name="fallback"/>.</summary>
    public static UnixFileMode ModeFrom(int? mode, UnixFileMode fallback) =>
        mode is { } bits ? (UnixFileMode)(bits & 0x1FF) : fallback;
}
