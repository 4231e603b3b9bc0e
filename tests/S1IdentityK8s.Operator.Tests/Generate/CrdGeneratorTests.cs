using System.ComponentModel;
using System.Reflection;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Generate;

namespace S1IdentityK8s.Operator.Tests.Generate;

public sealed class CrdGeneratorTests
{
    private static readonly V1CustomResourceDefinition Crd = CrdGenerator.Generate(typeof(V1Alpha1SentinelOneIdentityIntake));

    private static V1JSONSchemaProps Root => Crd.Spec.Versions[0].Schema.OpenAPIV3Schema;

    [Fact]
    public void Generate_Intake_NamesGroupAndShortNames()
    {
        Assert.Equal("sentineloneidentityintakes.s1identity.dev", Crd.Metadata.Name);
        Assert.Equal("Namespaced", Crd.Spec.Scope);
        Assert.Equal(["s1intake", "s1i"], Crd.Spec.Names.ShortNames);
        Assert.Equal("v1alpha1", Crd.Spec.Versions[0].Name);
        Assert.NotNull(Crd.Spec.Versions[0].Subresources.Status);
        Assert.Equal(["Ready", "Lag", "Forwarded", "Age"], Crd.Spec.Versions[0].AdditionalPrinterColumns.Select(c => c.Name));
    }

    [Fact]
    public void Generate_Intake_EveryFieldHasDescription()
    {
        var undocumented = new List<string>();
        CollectUndocumented(Root.Properties["spec"], "spec", undocumented);
        CollectUndocumented(Root.Properties["status"], "status", undocumented);

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Generate_Intake_DefaultsMatchCSharpInitializers()
    {
        var mismatches = typeof(V1Alpha1SentinelOneIdentityIntake).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(IntakeSpec).Namespace && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.GetCustomAttribute<DefaultValueAttribute>() is not null)
            .Where(x => !Equals(
                Convert.ChangeType(x.Property.GetCustomAttribute<DefaultValueAttribute>()!.Value, x.Property.PropertyType, null),
                x.Property.GetValue(Activator.CreateInstance(x.Type))))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Generate_OptionalSectionWithDefaults_DefaultsToEmptyObject()
    {
        var spec = Root.Properties["spec"];

        Assert.NotNull(spec.Properties["collection"].DefaultProperty);
        Assert.Equal("60s", spec.Properties["collection"].Properties["pollInterval"].DefaultProperty);
        Assert.Equal(["sentinelOne", "sekoia"], spec.Required);
        Assert.Equal(["spec"], Root.Required);
        Assert.Equal("map", spec.Properties["backfills"].XKubernetesListType);
    }

    [Fact]
    public void Generate_TlsSection_OptionalWithRequiredCaBundleNameAndKeyDefault()
    {
        var tls = Root.Properties["spec"].Properties["tls"];
        var caBundleRef = tls.Properties["caBundleRef"];

        // No default {} for tls: an omitted section means the system trust store only.
        Assert.Null(tls.DefaultProperty);
        Assert.Equal(["caBundleRef"], tls.Required);
        Assert.Equal(["name"], caBundleRef.Required);
        Assert.Equal("ca.crt", caBundleRef.Properties["key"].DefaultProperty);
        Assert.Contains("Defaults to ca.crt", caBundleRef.Properties["key"].Description, StringComparison.Ordinal);
    }

    private static void CollectUndocumented(V1JSONSchemaProps schema, string path, List<string> undocumented)
    {
        if (string.IsNullOrWhiteSpace(schema.Description))
        {
            undocumented.Add(path);
        }

        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            CollectUndocumented(child, $"{path}.{name}", undocumented);
        }

        if (schema.Items is V1JSONSchemaProps items)
        {
            foreach (var (name, child) in items.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            {
                CollectUndocumented(child, $"{path}[].{name}", undocumented);
            }
        }
    }
}
