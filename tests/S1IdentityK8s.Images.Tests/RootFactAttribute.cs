namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// A fact that starts an image's app in the image's own root filesystem (unshare + chroot): needs root, as
/// <c>make test</c> runs on our machines; skipped with a message otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess || !File.Exists(ImageRootFilesystem.Chroot) || !File.Exists(ImageRootFilesystem.Unshare))
        {
            Skip = $"needs root, {ImageRootFilesystem.Unshare} and {ImageRootFilesystem.Chroot}";
        }
    }
}
