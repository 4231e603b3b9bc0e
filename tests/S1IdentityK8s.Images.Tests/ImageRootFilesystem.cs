using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// An image's layers extracted into a temporary folder (as root, so owners and modes are kept), where a
/// command runs the way a container runtime would start it: private mounts with <c>/proc</c> and the basic
/// <c>/dev</c> nodes, chrooted, as the image's user, with exactly the image's environment. Deleted on dispose.
/// </summary>
internal sealed class ImageRootFilesystem : IDisposable
{
    /// <summary>coreutils' chroot (an absolute path: the environment is emptied before it runs).</summary>
    public const string Chroot = "/usr/sbin/chroot";

    /// <summary>util-linux's unshare.</summary>
    public const string Unshare = "/usr/bin/unshare";

    // Positional: root, user, then env's arguments (the image's variables, then chroot and the command).
    private const string StartScript = """
        set -e
        root=$1 user=$2
        shift 2
        mount -t proc proc "$root/proc"
        mount -t tmpfs -o mode=755 tmpfs "$root/dev"
        for node in null zero random urandom; do touch "$root/dev/$node"; mount --bind "/dev/$node" "$root/dev/$node"; done
        exec env -i "$@"
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ImageArchive _image;

    private ImageRootFilesystem(ImageArchive image, DirectoryInfo root)
    {
        _image = image;
        Root = root;
    }

    /// <summary>The extracted root filesystem.</summary>
    public DirectoryInfo Root { get; }

    /// <summary>Extracts every layer of <paramref name="image"/>, base first.</summary>
    public static async Task<ImageRootFilesystem> ExtractAsync(ImageArchive image)
    {
        var rootfs = new ImageRootFilesystem(image, Directory.CreateTempSubdirectory("s1k8s-rootfs-"));
        var tar = new CliRunner("tar") { DefaultTimeout = Timeout };
        foreach (var digest in image.LayerDigests)
        {
            var layer = Path.Combine(rootfs.Root.FullName, ".layer.tar.gz");
            await File.WriteAllBytesAsync(layer, image.Blob(digest));
            (await tar.RunAsync("-xzf", layer, "-C", rootfs.Root.FullName, "--numeric-owner", "--same-owner", "--same-permissions")).EnsureSuccess();
            File.Delete(layer);
        }

        // The mount points a container runtime creates when the image has none.
        Directory.CreateDirectory(Path.Combine(rootfs.Root.FullName, "proc"));
        Directory.CreateDirectory(Path.Combine(rootfs.Root.FullName, "dev"));
        return rootfs;
    }

    /// <summary>Runs <paramref name="command"/> (absolute path first) in the image as its configured user.</summary>
    public Task<CliResult> RunAsync(params string[] command)
    {
        var config = _image.Config["config"]!;
        var user = config["User"]?.GetValue<string>() ?? "0:0";
        string[] arguments =
        [
            "--mount", "--fork", "--", "sh", "-c", StartScript, "sh", Root.FullName, user,
            .. JsonStrings.Of(config["Env"]), Chroot, $"--userspec={user}", Root.FullName, .. command,
        ];
        return new CliRunner(Unshare) { DefaultTimeout = Timeout }.RunAsync(arguments);
    }

    public void Dispose() => Root.Delete(recursive: true);
}
