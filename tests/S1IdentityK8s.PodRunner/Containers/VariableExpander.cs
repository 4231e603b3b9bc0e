using System.Text;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion in env values, command and args: a defined VAR is replaced, an
/// undefined one is left as written, and <c>$$</c> stands for a literal <c>$</c>.
/// </summary>
public static class VariableExpander
{
    /// <summary>Expands <paramref name="input"/> with <paramref name="variables"/>.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(variables);
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close and > 0)
            {
                var name = input[(i + 2)..close];
                output.Append(variables.TryGetValue(name, out var value) ? value : $"$({name})");
                i = close;
            }
            else
            {
                output.Append('$');
            }
        }

        return output.ToString();
    }
}
