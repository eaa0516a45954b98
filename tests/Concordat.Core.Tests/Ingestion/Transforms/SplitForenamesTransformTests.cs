using Concordat.Core.Ingestion.Transforms;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class SplitForenamesTransformTests
{
    [Theory]
    [InlineData("Frances Joanne", "Frances", "Joanne")]
    [InlineData("John Paul George", "John", "Paul George")]
    [InlineData("  Ann  ", "Ann", null)]
    [InlineData("Mary-Jane  Louise\tAnne", "Mary-Jane", "Louise Anne")]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void First_word_is_the_given_name_and_the_rest_are_middle_names(string? input, string? given, string? middle)
    {
        Assert.True(new SplitForenamesTransform(NamePart.Given).TryApply(input, out var first, out _));
        Assert.True(new SplitForenamesTransform(NamePart.Middle).TryApply(input, out var rest, out _));
        Assert.Equal(given, first);
        Assert.Equal(middle, rest);
    }

    [Fact]
    public void A_forenames_column_has_no_family_part()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitForenamesTransform(NamePart.Family));
        Assert.False(TransformFactory.Create(new Concordat.Core.Ingestion.TransformSpec("splitForenames") { Part = "family" }).IsSuccess);
    }
}
