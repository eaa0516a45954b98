using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class StandardiseTransformTests
{
    [Theory]
    [InlineData("cleanName", "Dr. Seán O'Brien", "SEAN OBRIEN")]
    [InlineData("formalName", "bill", "WILLIAM")]
    [InlineData("addressLine", "12a High St.", "12A HIGH STREET")]
    [InlineData("cleanName", " -- ", null)]
    [InlineData("addressLine", "", null)]
    public void Mapping_steps_give_the_comparison_forms(string op, string input, string? expected)
    {
        var transform = TransformFactory.Create(new TransformSpec(op)).Value;

        Assert.True(transform.TryApply(input, out var output, out var failure));
        Assert.Null(failure);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Arguments_are_refused()
    {
        var result = TransformFactory.Create(new TransformSpec("cleanName") { Value = "x" });

        Assert.False(result.IsSuccess);
        Assert.Equal(TransformFactory.BadArgumentCode, result.Errors[0].Code);
    }
}
