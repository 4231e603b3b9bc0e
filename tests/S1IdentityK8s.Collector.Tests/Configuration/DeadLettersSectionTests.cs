namespace S1IdentityK8s.Collector.Tests.Configuration;

public sealed class DeadLettersSectionTests
{
    [Fact]
    public void Load_NoSection_UnderTheStateDirectoryWithDefaultBounds()
    {
        var deadLetters = ConfigYaml.Valid(ConfigYaml.Minimal + "stateDirectory: /data/state\n").DeadLetters;

        Assert.Equal("/data/state/dead-letters", deadLetters.Directory);
        Assert.Equal(10_000, deadLetters.MaxCount);
        Assert.Equal(512 * 1024 * 1024, deadLetters.MaxBytes);
    }

    [Fact]
    public void Load_EveryKey_ReadWithRelativeDirectoryResolved()
    {
        var deadLetters = ConfigYaml.Valid(ConfigYaml.Minimal + "deadLetters:\n  directory: letters\n  maxCount: 50\n  maxBytes: 2097152\n").DeadLetters;

        Assert.Equal("/config/letters", deadLetters.Directory);
        Assert.Equal(50, deadLetters.MaxCount);
        Assert.Equal(2_097_152, deadLetters.MaxBytes);
    }

    [Theory]
    [InlineData("deadLetters:\n  maxCount: 0\n", "deadLetters.maxCount: expected an integer from 1 to 1000000, got 0")]
    [InlineData("deadLetters:\n  maxBytes: 1000\n", "deadLetters.maxBytes: expected an integer from 1048576 to 2147483647, got 1000")]
    [InlineData("deadLetters:\n  maxbytes: 1000\n", "deadLetters.maxbytes: unknown key (did you mean maxBytes?)")]
    [InlineData("stateDirectory: /data\ndeadLetters:\n  directory: /data/\n", "deadLetters.directory: expected a directory other than stateDirectory, got '/data/'")]
    public void Parse_BadSection_NamesTheKey(string section, string expected)
    {
        var result = ConfigYaml.Parse(ConfigYaml.Minimal + section);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors);
    }
}
