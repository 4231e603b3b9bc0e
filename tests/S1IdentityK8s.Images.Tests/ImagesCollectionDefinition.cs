namespace S1IdentityK8s.Images.Tests;

/// <summary>The tests that share one <see cref="ImagesFixture"/> (the archives are read once).</summary>
[CollectionDefinition(Name)]
public sealed class ImagesCollectionDefinition : ICollectionFixture<ImagesFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Built images";
}
