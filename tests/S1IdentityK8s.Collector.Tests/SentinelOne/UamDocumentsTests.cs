using GraphQLParser;
using GraphQLParser.AST;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public class UamDocumentsTests
{
    [Fact]
    public void List_FirstPage_FiltersIdentityAndWindowSortsAscending()
    {
        var document = UamDocuments.List(new AlertQuery(AlertTimeField.DetectedAt, 1000, 2000, 500));

        var alerts = RootField(document, "alerts");
        Assert.Contains("{fieldId: \"detectionProduct\", stringEqual: {value: \"Identity\"}}", document, StringComparison.Ordinal);
        Assert.Contains("{fieldId: \"detectedAt\", dateTimeRange: {start: 1000, startInclusive: true, end: 2000, endInclusive: false}}", document, StringComparison.Ordinal);
        Assert.Contains("sort: {by: \"detectedAt\", order: ASC}", document, StringComparison.Ordinal);
        Assert.Contains("first: 500", document, StringComparison.Ordinal);
        Assert.DoesNotContain("after:", document, StringComparison.Ordinal);
        Assert.NotNull(alerts);
    }

    [Fact]
    public void List_UpdatedPassWithCursor_UsesUpdatedAtAndEscapesCursor()
    {
        var document = UamDocuments.List(new AlertQuery(AlertTimeField.UpdatedAt, 5, 9, 10, "c\"ur\\sor"));

        Assert.Contains("{fieldId: \"updatedAt\", dateTimeRange: {start: 5,", document, StringComparison.Ordinal);
        Assert.Contains("sort: {by: \"updatedAt\", order: ASC}", document, StringComparison.Ordinal);
        Assert.Contains("after: \"c\\\"ur\\\\sor\"", document, StringComparison.Ordinal);
        RootField(document, "alerts");
    }

    [Fact]
    public void List_Selection_HasSekoiaFieldsAndUpdatedAt()
    {
        var document = UamDocuments.List(new AlertQuery(AlertTimeField.DetectedAt, 0, 1, 1));

        foreach (var field in new[] { "id", "name", "detectedAt", "attackSurfaces", "storylineId", "updatedAt", "parentName" })
        {
            Assert.Contains(field, document, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50)]
    public void Details_ManyIds_OneAliasedLookupEach(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"id-{i}").ToList();

        var document = Parser.Parse(UamDocuments.Details(ids));

        var operation = Assert.Single(document.Definitions.OfType<GraphQLOperationDefinition>());
        var fields = operation.SelectionSet.Selections.Cast<GraphQLField>().ToList();
        Assert.Equal(count, fields.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"a{i}", fields[i].Alias!.Name.StringValue);
            Assert.Equal("alert", fields[i].Name.StringValue);
            var id = (GraphQLStringValue)fields[i].Arguments!.Single().Value;
            Assert.Equal($"id-{i}", id.Value.ToString());
        }
    }

    private static GraphQLField RootField(string document, string name)
    {
        var parsed = Parser.Parse(document);
        var operation = Assert.Single(parsed.Definitions.OfType<GraphQLOperationDefinition>());
        var field = Assert.Single(operation.SelectionSet.Selections.Cast<GraphQLField>());
        Assert.Equal(name, field.Name.StringValue);
        return field;
    }
}
