using Concordat.Core.Ingestion.Transforms;
using Concordat.Core.Standards;
using static Concordat.Core.Tests.Ingestion.Transforms.TransformAssert;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class IdentifierTransformTests
{
    public static TheoryData<IValueTransform, string, string> ValidValues => new()
    {
        { new IdentifierTransform("postcode", Concordat.Core.Catalogue.IdentifierKind.Postcode), "sw1a1aa", "SW1A 1AA" },
        { new IdentifierTransform("nino", Concordat.Core.Catalogue.IdentifierKind.Nino), "ab 12 34 56 c", "AB123456C" },
        { new IdentifierTransform("nhsNumber", Concordat.Core.Catalogue.IdentifierKind.NhsNumber), "943 476 5919", "9434765919" },
        { new IdentifierTransform("phone", Concordat.Core.Catalogue.IdentifierKind.Phone), "+44 (0)20 7946 0000", "+442079460000" },
        { new IdentifierTransform("email", Concordat.Core.Catalogue.IdentifierKind.Email), " Jane@Example.GOV.UK ", "Jane@example.gov.uk" },
        { new IdentifierTransform("uprn", Concordat.Core.Catalogue.IdentifierKind.Uprn), "000100023336", "100023336" },
    };

    public static TheoryData<IValueTransform, string, string> InvalidValues => new()
    {
        { new IdentifierTransform("postcode", Concordat.Core.Catalogue.IdentifierKind.Postcode), "SW1A 1CA", Postcode.Explain("SW1A 1CA")! },
        { new IdentifierTransform("nino", Concordat.Core.Catalogue.IdentifierKind.Nino), "QQ123456A", Nino.Explain("QQ123456A")! },
        { new IdentifierTransform("nhsNumber", Concordat.Core.Catalogue.IdentifierKind.NhsNumber), "9434765918", NhsNumber.Explain("9434765918")! },
        { new IdentifierTransform("phone", Concordat.Core.Catalogue.IdentifierKind.Phone), "+1 202 555 0100", UkPhone.Explain("+1 202 555 0100")! },
        { new IdentifierTransform("email", Concordat.Core.Catalogue.IdentifierKind.Email), "jane@localhost", EmailAddress.Explain("jane@localhost")! },
        { new IdentifierTransform("uprn", Concordat.Core.Catalogue.IdentifierKind.Uprn), "12a", Uprn.Explain("12a")! },
    };

    public static TheoryData<IValueTransform, string> AlreadyNormal => new()
    {
        { new IdentifierTransform("postcode", Concordat.Core.Catalogue.IdentifierKind.Postcode), "SW1A 1AA" },
        { new IdentifierTransform("nino", Concordat.Core.Catalogue.IdentifierKind.Nino), "AB123456C" },
        { new IdentifierTransform("nhsNumber", Concordat.Core.Catalogue.IdentifierKind.NhsNumber), "9434765919" },
        { new IdentifierTransform("phone", Concordat.Core.Catalogue.IdentifierKind.Phone), "+447700900123" },
        { new IdentifierTransform("email", Concordat.Core.Catalogue.IdentifierKind.Email), "jane@example.gov.uk" },
        { new IdentifierTransform("uprn", Concordat.Core.Catalogue.IdentifierKind.Uprn), "100023336956" },
    };

    public static TheoryData<IValueTransform> All => new()
    {
        new IdentifierTransform("postcode", Concordat.Core.Catalogue.IdentifierKind.Postcode),
        new IdentifierTransform("nino", Concordat.Core.Catalogue.IdentifierKind.Nino),
        new IdentifierTransform("nhsNumber", Concordat.Core.Catalogue.IdentifierKind.NhsNumber),
        new IdentifierTransform("phone", Concordat.Core.Catalogue.IdentifierKind.Phone),
        new IdentifierTransform("email", Concordat.Core.Catalogue.IdentifierKind.Email),
        new IdentifierTransform("uprn", Concordat.Core.Catalogue.IdentifierKind.Uprn),
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Valid_identifier_is_normalised(IValueTransform transform, string input, string expected)
    {
        Assert.Equal(expected, Succeeds(transform, input));
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Invalid_identifier_fails_with_the_standards_explanation(IValueTransform transform, string input, string reason)
    {
        Assert.Equal(reason, Fails(transform, input));
    }

    [Theory]
    [MemberData(nameof(AlreadyNormal))]
    public void Already_normal_identifier_is_returned_as_the_same_instance(IValueTransform transform, string value)
    {
        string input = new([.. value]);

        Assert.Same(input, Succeeds(transform, input));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Blank_identifier_becomes_null(IValueTransform transform)
    {
        Assert.Null(Succeeds(transform, null));
        Assert.Null(Succeeds(transform, ""));
        Assert.Null(Succeeds(transform, "  "));
    }

    [Fact]
    public void Op_names_match_the_mapping_vocabulary()
    {
        IValueTransform[] transforms =
            [new IdentifierTransform("postcode", Concordat.Core.Catalogue.IdentifierKind.Postcode), new IdentifierTransform("nino", Concordat.Core.Catalogue.IdentifierKind.Nino), new IdentifierTransform("nhsNumber", Concordat.Core.Catalogue.IdentifierKind.NhsNumber), new IdentifierTransform("phone", Concordat.Core.Catalogue.IdentifierKind.Phone), new IdentifierTransform("email", Concordat.Core.Catalogue.IdentifierKind.Email), new IdentifierTransform("uprn", Concordat.Core.Catalogue.IdentifierKind.Uprn)];

        Assert.Equal(["postcode", "nino", "nhsNumber", "phone", "email", "uprn"], transforms.Select(transform => transform.Name));
    }
}
