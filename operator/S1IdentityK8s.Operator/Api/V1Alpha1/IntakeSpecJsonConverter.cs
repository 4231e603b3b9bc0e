using System.Text.Json;
using System.Text.Json.Serialization;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Reads <see cref="V1Alpha1SentinelOneIdentityIntake.Spec"/> so that a spec the apiserver accepted but the
/// C# types cannot hold (a Kubernetes-typed collector field is open in the schema: <c>cpu: true</c>) still
/// gives an intake, whose <see cref="IntakeSpec.Unreadable"/> names the field. Without it one such intake
/// would fail every list of intakes, and so the reconcile of all of them.
/// </summary>
public sealed class IntakeSpecJsonConverter : JsonConverter<IntakeSpec>
{
    /// <inheritdoc />
    public override IntakeSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        IntakeSpec? spec;
        try
        {
            spec = element.Deserialize<IntakeSpec>(options);
            // A quantity can be read and yet not written back (1e5000 overflows): the children need it written.
            _ = JsonSerializer.SerializeToUtf8Bytes(spec, options);
        }
        catch (Exception e) when (SpecReadProblems.IsReadFailure(e))
        {
            spec = null;
        }

        var problem = SpecReadProblems.Find(element, typeof(IntakeSpec), "spec", options, readable: spec is not null);
        return spec is not null && problem is null
            ? spec
            : new IntakeSpec(problem ?? new SpecReadProblem("spec", $"expected an object, got {element.ValueKind}"));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IntakeSpec value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
