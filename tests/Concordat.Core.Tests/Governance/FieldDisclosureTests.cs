using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using CsCheck;

namespace Concordat.Core.Tests.Governance;

public sealed class FieldDisclosureTests
{
    private static readonly Gen<SchemaField> Fields =
        Gen.Select(
            Gen.Enum<FieldType>(),
            Gen.Enum<PersonalDataCategory>(),
            Gen.Enum<IdentifierKind>(),
            Gen.Bool)
        .Select((type, personal, identifier, enumerated) => new SchemaField("f", type)
        {
            PersonalData = personal,
            Identifier = identifier,
            Constraints = enumerated ? new FieldConstraints { Enum = ["a", "b"] } : FieldConstraints.None,
        });

    [Theory]
    [InlineData(IdentifierKind.Nino)]
    [InlineData(IdentifierKind.NhsNumber)]
    [InlineData(IdentifierKind.Email)]
    [InlineData(IdentifierKind.Phone)]
    [InlineData(IdentifierKind.Uprn)]
    [InlineData(IdentifierKind.Postcode)]
    public void Every_identifier_kind_is_a_direct_identifier_even_when_not_marked_personal(IdentifierKind kind) =>
        Assert.True(FieldDisclosure.IsDirectIdentifier(new SchemaField("id", FieldType.String) { Identifier = kind }));

    [Fact]
    public void Personal_free_text_and_dates_are_direct_identifiers_and_categories_and_numbers_are_not()
    {
        Assert.True(FieldDisclosure.IsDirectIdentifier(new SchemaField("familyName", FieldType.String) { PersonalData = PersonalDataCategory.Personal }));
        Assert.True(FieldDisclosure.IsDirectIdentifier(new SchemaField("dateOfBirth", FieldType.Date) { PersonalData = PersonalDataCategory.Personal }));
        Assert.True(FieldDisclosure.IsDirectIdentifier(new SchemaField("notes", FieldType.String) { PersonalData = PersonalDataCategory.SpecialCategory }));
        Assert.False(FieldDisclosure.IsDirectIdentifier(new SchemaField("benefit", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Constraints = new FieldConstraints { Enum = ["a"] } }));
        Assert.False(FieldDisclosure.IsDirectIdentifier(new SchemaField("award", FieldType.Number) { PersonalData = PersonalDataCategory.Personal }));
        Assert.False(FieldDisclosure.IsDirectIdentifier(new SchemaField("employerName", FieldType.String)));
    }

    [Fact]
    public void A_groupable_shared_form_is_never_an_identifier_a_pseudonym_or_free_text()
    {
        Gen.Select(Fields, Gen.Enum<FieldTransform>()).Sample((field, transform) =>
        {
            if (FieldDisclosure.GroupingProblem(field, transform) is not null)
            {
                return;
            }

            Assert.NotEqual(FieldTransform.Pseudonymise, transform);
            Assert.False(FieldDisclosure.IdentifiesInSharedForm(field, transform));
            Assert.True(FieldDisclosure.Generalises(transform) || (field.Identifier == IdentifierKind.None && FieldDisclosure.IsCategorical(field)));
        }, iter: 20_000);
    }
}
