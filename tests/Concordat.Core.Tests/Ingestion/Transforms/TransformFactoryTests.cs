using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class TransformFactoryTests
{
    [Fact]
    public void Known_ops_are_exactly_the_documented_transforms()
    {
        Assert.Equal(
            [
                "trim", "collapseWhitespace", "upper", "lower", "title", "case", "nullIf", "emptyToNull", "default", "replace",
                "parseDate", "parseDateTime", "splitName", "splitForenames", "postcode", "nino", "nhsNumber", "phone", "email", "uprn", "digits",
                "cleanName", "formalName", "addressLine",
            ],
            TransformFactory.KnownOps);
    }

    [Fact]
    public void Every_known_op_can_be_created_and_reports_its_name()
    {
        foreach (string op in TransformFactory.KnownOps)
        {
            Result<IValueTransform> result = TransformFactory.Create(ValidSpec(op));

            Assert.True(result.IsSuccess, op);
            Assert.Equal(op == "case" ? "title" : op, result.Value.Name);
        }
    }

    [Theory]
    [InlineData("upper", typeof(UpperCaseTransform))]
    [InlineData("lower", typeof(LowerCaseTransform))]
    [InlineData("Title", typeof(TitleCaseTransform))]
    public void Case_selects_the_transform_named_by_its_value(string value, Type expected)
    {
        Result<IValueTransform> result = TransformFactory.Create(new TransformSpec("case") { Value = value });

        Assert.IsType(expected, result.Value);
    }

    [Fact]
    public void Unknown_op_is_a_validation_error_listing_the_known_ops()
    {
        Result<IValueTransform> result = TransformFactory.Create(new TransformSpec("frobnicate"));

        Error error = Assert.Single(result.Errors);
        Assert.Equal("mapping.unknown_transform", error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("op", error.Target);
        Assert.StartsWith("Unknown transform 'frobnicate'. Known transforms: trim, collapseWhitespace,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Op_in_the_wrong_case_is_rejected_with_a_suggestion()
    {
        Result<IValueTransform> result = TransformFactory.Create(new TransformSpec("parsedate"));

        Error error = Assert.Single(result.Errors);
        Assert.Equal("mapping.unknown_transform", error.Code);
        Assert.Contains("did you mean 'parseDate'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_op_is_rejected(string op)
    {
        Error error = Assert.Single(TransformFactory.Create(new TransformSpec(op)).Errors);

        Assert.Equal("mapping.unknown_transform", error.Code);
        Assert.Equal("A transform step needs an op name, e.g. trim.", error.Message);
    }

    public static TheoryData<TransformSpec, string, string> BadArguments => new()
    {
        { new TransformSpec("case"), "value", "Transform 'case' needs 'value' of upper, lower or title." },
        { new TransformSpec("case") { Value = "bold" }, "value", "Transform 'case' needs 'value' of upper, lower or title." },
        { new TransformSpec("nullIf"), "value", "Transform 'nullIf' needs 'value', the placeholder that means no value (e.g. N/A)." },
        { new TransformSpec("default"), "value", "Transform 'default' needs 'value', the value used when the source has none." },
        { new TransformSpec("replace") { Value = "x" }, "find", "Transform 'replace' needs a non-empty 'find'; 'value' is the replacement." },
        { new TransformSpec("replace") { Find = "" }, "find", "Transform 'replace' needs a non-empty 'find'; 'value' is the replacement." },
        { new TransformSpec("splitName"), "part", "Transform 'splitName' needs 'part' of given, middle or family." },
        { new TransformSpec("splitName") { Part = "surname" }, "part", "Transform 'splitName' needs 'part' of given, middle or family." },
        { new TransformSpec("parseDate") { Formats = [] }, "formats", "Transform 'parseDate' has an empty 'formats' list; leave it out to use the defaults." },
        { new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy", " "] }, "formats", "Transform 'parseDate' has a blank entry in 'formats'." },
        { new TransformSpec("parseDateTime") { Formats = ["%"] }, "formats", "Transform 'parseDateTime' has '%' in 'formats', which is not a valid .NET date format." },
        { new TransformSpec("trim") { Value = "x" }, "value", "Transform 'trim' does not take 'value'." },
        { new TransformSpec("nino") { Formats = ["yyyy"] }, "formats", "Transform 'nino' does not take 'formats'." },
        { new TransformSpec("parseDate") { Part = "given" }, "part", "Transform 'parseDate' does not take 'part'." },
        { new TransformSpec("default") { Value = "x", Find = "y" }, "find", "Transform 'default' does not take 'find'." },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Missing_invalid_or_unexpected_arguments_are_rejected_naming_the_op(TransformSpec spec, string argument, string message)
    {
        Error error = Assert.Single(TransformFactory.Create(spec).Errors);

        Assert.Equal("mapping.bad_transform_argument", error.Code);
        Assert.Equal(argument, error.Target);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Null_spec_is_a_bug_and_throws()
    {
        Assert.Throws<ArgumentNullException>(() => TransformFactory.Create(null!));
    }

    [Fact]
    public void Created_transforms_are_usable_end_to_end()
    {
        IValueTransform[] steps =
        [
            TransformFactory.Create(new TransformSpec("trim")).Value,
            TransformFactory.Create(new TransformSpec("nullIf") { Value = "N/A" }).Value,
            TransformFactory.Create(new TransformSpec("postcode")).Value,
        ];

        Assert.Equal("SW1A 1AA", Run(steps, "  sw1a1aa "));
        Assert.Null(Run(steps, " N/A "));
    }

    internal static TransformSpec ValidSpec(string op) => op switch
    {
        "case" => new TransformSpec(op) { Value = "title" },
        "nullIf" => new TransformSpec(op) { Value = "N/A" },
        "default" => new TransformSpec(op) { Value = "unknown" },
        "replace" => new TransformSpec(op) { Find = "-", Value = " " },
        "splitName" => new TransformSpec(op) { Part = "family" },
        "splitForenames" => new TransformSpec(op) { Part = "middle" },
        _ => new TransformSpec(op),
    };

    private static string? Run(IValueTransform[] steps, string? value)
    {
        foreach (IValueTransform step in steps)
        {
            Assert.True(step.TryApply(value, out value, out string? failure), failure);
        }

        return value;
    }
}
