namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The archives in <c>artifacts/images/</c>, read once. <c>tests/run-all.sh</c> runs <c>make images</c>
/// before the tests; when an archive or the catalogue is missing, this builds them once itself.
/// </summary>
public sealed class ImagesFixture : IAsyncLifetime
{
    private Dictionary<string, ImageArchive> _archives = [];

    /// <summary>The catalogue <c>images.json</c>.</summary>
    public IReadOnlyList<BuiltImage> Catalog { get; private set; } = [];

    /// <summary>The collector image.</summary>
    public ImageArchive Collector => Archive("collector");

    /// <summary>The operator image.</summary>
    public ImageArchive Operator => Archive("operator");

    /// <summary>The pod sandbox image.</summary>
    public ImageArchive Pause => Archive("pause");

    /// <summary>An image by archive name (<c>collector</c>, <c>operator</c>, <c>pause</c>).</summary>
    public ImageArchive Archive(string name) => _archives[name];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ImagePaths.Catalog()) || ImagePaths.Names.Any(name => !File.Exists(ImagePaths.Archive(name))))
        {
            await ImageBuild.RunAsync();
        }

        _archives = ImagePaths.Names.ToDictionary(name => name, name => ImageArchive.Read(ImagePaths.Archive(name)));
        Catalog = BuiltImage.ReadAll(ImagePaths.Catalog());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
