using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;

namespace Concordat.Core.Tests.Ingestion.Transforms;

/// <summary>Assertions shared by the transform tests.</summary>
internal static class TransformAssert
{
    /// <summary>Creates a transform through the factory, failing the test if the spec is rejected.</summary>
    public static IValueTransform Create(TransformSpec spec, TimeProvider? clock = null)
    {
        Result<IValueTransform> result = TransformFactory.Create(spec, clock ?? TimeProvider.System);
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Errors[0].Message);
        return result.Value;
    }

    /// <summary>Applies a transform that must succeed and returns its output.</summary>
    public static string? Succeeds(IValueTransform transform, string? input)
    {
        bool ok = transform.TryApply(input, out string? output, out string? failure);
        Assert.True(ok, $"{transform.Name} failed: {failure}");
        Assert.Null(failure);
        return output;
    }

    /// <summary>Applies a transform that must fail and returns its reason.</summary>
    public static string Fails(IValueTransform transform, string? input)
    {
        bool ok = transform.TryApply(input, out string? output, out string? failure);
        Assert.False(ok, $"{transform.Name} accepted the value and gave '{output}'.");
        Assert.Null(output);
        Assert.False(string.IsNullOrWhiteSpace(failure));
        return failure!;
    }
}
