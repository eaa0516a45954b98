using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;
using static Concordat.Core.Tests.Ingestion.Transforms.TransformAssert;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class SplitNameTransformTests
{
    private static readonly SplitNameTransform Given = new(NamePart.Given);
    private static readonly SplitNameTransform Middle = new(NamePart.Middle);
    private static readonly SplitNameTransform Family = new(NamePart.Family);

    [Theory]
    [InlineData("John Smith", "John", null, "Smith")]
    [InlineData("John Paul Smith", "John", "Paul", "Smith")]
    [InlineData("John Paul George Smith", "John", "Paul George", "Smith")]
    [InlineData("  John   Smith  ", "John", null, "Smith")]
    [InlineData("SMITH, John Paul", "John", "Paul", "SMITH")]
    [InlineData("Smith,John", "John", null, "Smith")]
    [InlineData("de la Cruz, Maria", "Maria", null, "de la Cruz")]
    [InlineData("Smith, Mrs Jane", "Jane", null, "Smith")]
    [InlineData("Smith, John, Jr", "John", null, "Smith")]
    [InlineData("Mr John Smith", "John", null, "Smith")]
    [InlineData("Dr. Jane A. Doe", "Jane", "A.", "Doe")]
    [InlineData("Rev Dr Martin Luther King Jr", "Martin", "Luther", "King")]
    [InlineData("prof sir tim berners-lee", "tim", null, "berners-lee")]
    [InlineData("Miss Ada Lovelace", "Ada", null, "Lovelace")]
    [InlineData("Ms Mx Alex Jones", "Alex", null, "Jones")]
    [InlineData("John Smith III", "John", null, "Smith")]
    [InlineData("John Smith Sr.", "John", null, "Smith")]
    [InlineData("John Smith, Jr.", "John", null, "Smith")]
    [InlineData("Ludwig van Beethoven", "Ludwig", null, "van Beethoven")]
    [InlineData("Maria de la Cruz", "Maria", null, "de la Cruz")]
    [InlineData("Vincent Willem van der Berg", "Vincent", "Willem", "van der Berg")]
    [InlineData("Ursula von der Leyen", "Ursula", null, "von der Leyen")]
    [InlineData("Van Morrison", "Van", null, "Morrison")]
    [InlineData("Seamus O'Brien", "Seamus", null, "O'Brien")]
    [InlineData("Seán Mac Stíofáin", "Seán", null, "Mac Stíofáin")]
    [InlineData("Mary McDonald", "Mary", null, "McDonald")]
    [InlineData("Cher", "Cher", null, null)]
    [InlineData("Mr", null, null, null)]
    public void Splits_a_full_name_into_given_middle_and_family(string input, string? given, string? middle, string? family)
    {
        Assert.Equal(given, Succeeds(Given, input));
        Assert.Equal(middle, Succeeds(Middle, input));
        Assert.Equal(family, Succeeds(Family, input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_name_gives_null_for_every_part(string? input)
    {
        Assert.Null(Succeeds(Given, input));
        Assert.Null(Succeeds(Middle, input));
        Assert.Null(Succeeds(Family, input));
    }

    [Theory]
    [InlineData("given", NamePart.Given)]
    [InlineData("middle", NamePart.Middle)]
    [InlineData("FAMILY", NamePart.Family)]
    public void Factory_reads_the_part_case_insensitively(string part, NamePart expected)
    {
        var transform = (SplitNameTransform)Create(new TransformSpec(SplitNameTransform.OpName) { Part = part });

        Assert.Equal(expected, transform.Part);
    }
}
