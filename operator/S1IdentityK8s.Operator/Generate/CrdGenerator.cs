using System.Reflection;
using k8s.Models;
using S1IdentityK8s.Operator.Api.Schema;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>
/// Generates a CustomResourceDefinition from an entity class: names from <c>[KubernetesEntity]</c> and
/// <c>[ShortNames]</c>, columns from <c>[PrinterColumn]</c>, the schema of <c>spec</c> and <c>status</c>
/// from their C# types, and the status subresource when the entity has a <c>Status</c> property.
/// </summary>
internal static class CrdGenerator
{
    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object.";

    private const string KindDescription = "Kind is a string value representing the REST resource this object represents.";

    /// <summary>The CRD of <paramref name="entityType"/>, served and stored as its only version.</summary>
    public static V1CustomResourceDefinition Generate(Type entityType)
    {
        var entity = EntityType.Of(entityType);
        var builder = new OpenApiSchemaBuilder(XmlDocumentation.For(entityType.Assembly));
        var root = builder.ForObject(entityType);
        // apiVersion, kind and metadata are the apiserver's: keep them as Kubernetes' own CRDs do.
        root.Properties["apiVersion"] = new V1JSONSchemaProps { Type = "string", Description = ApiVersionDescription };
        root.Properties["kind"] = new V1JSONSchemaProps { Type = "string", Description = KindDescription };
        root.Properties["metadata"] = new V1JSONSchemaProps { Type = "object" };
        var hasStatus = entityType.GetProperty("Status") is not null;
        var columns = entityType.GetCustomAttributes<PrinterColumnAttribute>().Select(c => new V1CustomResourceColumnDefinition
        {
            Name = c.Name,
            Type = c.Type,
            JsonPath = c.JsonPath,
            Description = c.Description,
            Priority = c.Priority == 0 ? null : c.Priority,
        }).ToList();

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = $"{entity.Kind}List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = entityType.GetCustomAttribute<ShortNamesAttribute>()?.Names.ToList(),
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
                        Subresources = hasStatus ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() } : null,
                        AdditionalPrinterColumns = columns.Count > 0 ? columns : null,
                    },
                ],
            },
        };
    }
}
