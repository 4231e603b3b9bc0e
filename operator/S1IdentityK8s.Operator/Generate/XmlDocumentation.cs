using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>
/// The XML documentation the compiler writes beside an assembly, read back so that the C# doc comments
/// of the API types become the CRD's descriptions (one source of truth, like controller-gen's comments).
/// </summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Loads the documentation of <paramref name="assembly"/>; throws when the .xml file is missing.</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"no XML documentation beside {assembly.Location}: build with GenerateDocumentationFile", path);
        }

        var summaries = XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Flatten(m.Element("summary")!));
        return new XmlDocumentation(summaries);
    }

    /// <summary>The summary of a type, or null when it has none.</summary>
    public string? Summary(Type type) => _summaries.GetValueOrDefault($"T:{type.FullName}");

    /// <summary>The summary of a property, or null when it has none.</summary>
    public string? Summary(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    // <c>x</c> and <see cref="T:A.B"/> become plain text; line breaks and indentation collapse to one space.
    private static string Flatten(XElement summary)
    {
        var text = string.Concat(summary.Nodes().Select(node => node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" } see => ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? ""),
            XElement e => e.Value,
            _ => "",
        }));
        return Whitespace().Replace(text, " ").Trim();
    }

    private static string ShortName(string cref) => cref[(cref.LastIndexOfAny([':', '.']) + 1)..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
