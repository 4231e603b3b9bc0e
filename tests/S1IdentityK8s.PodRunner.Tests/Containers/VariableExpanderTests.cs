using S1IdentityK8s.PodRunner.Containers;

namespace S1IdentityK8s.PodRunner.Tests.Containers;

/// <summary>Kubernetes' <c>$(VAR)</c> expansion rules.</summary>
public sealed class VariableExpanderTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["FOO"] = "foo", ["EMPTY"] = "" };

    [Theory]
    [InlineData("$(FOO)", "foo")]
    [InlineData("a-$(FOO)-b", "a-foo-b")]
    [InlineData("$(UNDEFINED)", "$(UNDEFINED)")]
    [InlineData("$$(FOO)", "$(FOO)")]
    [InlineData("$$$(FOO)", "$foo")]
    [InlineData("$(EMPTY)x", "x")]
    [InlineData("$(FOO", "$(FOO")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("trailing $", "trailing $")]
    [InlineData("$HOME", "$HOME")]
    public void Expand_FollowsKubernetesRules(string input, string expected) =>
        Assert.Equal(expected, VariableExpander.Expand(input, Variables));
}
