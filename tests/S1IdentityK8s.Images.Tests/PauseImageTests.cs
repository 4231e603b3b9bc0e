namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The pod sandbox image for our local kubelet: <c>hack/images/pause/pause.c</c> built static, alone in the
/// image, run as 65535. (Running it under containerd is the node test's job.)
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class PauseImageTests(ImagesFixture images)
{
    private static readonly string[] PauseEntrypoint = ["/pause"];

    [Fact]
    public void Pause_Binary_IsAStaticExecutable()
    {
        var pause = images.Pause.Find("/pause");

        Assert.NotNull(pause?.Content);
        var types = ElfFile.ProgramHeaderTypes(pause.Content);
        Assert.NotEmpty(types);
        Assert.DoesNotContain(ElfFile.Interpreter, types);
        Assert.DoesNotContain(ElfFile.Dynamic, types);
        Assert.True(pause.Mode.HasFlag(UnixFileMode.OtherExecute), $"mode {pause.Mode}");
        Assert.Equal((0, 0), (pause.Uid, pause.Gid));
    }

    [Fact]
    public void Pause_Layer_HoldsOnlyThePauseBinary()
    {
        Assert.Single(images.Pause.LayerDigests);
        Assert.Equal(["/", "/pause"], images.Pause.Layer(0).Select(entry => entry.Path));
    }

    [Fact]
    public void Pause_Config_RunsPauseAs65535()
    {
        var config = images.Pause.Config["config"]!;

        Assert.Equal("65535:65535", config["User"]?.GetValue<string>());
        Assert.Equal(PauseEntrypoint, JsonStrings.Of(config["Entrypoint"]));
        Assert.Empty(JsonStrings.Of(config["Cmd"]));
    }
}
