using Concordat.Core.Catalogue;
using Concordat.Core.Quality;

namespace Concordat.Core.Tests.Quality;

public sealed class FieldStandardTests
{
    [Theory]
    [InlineData(IdentifierKind.Nino, FieldType.String, "nino", "AB123456C", "QQ123456A")]
    [InlineData(IdentifierKind.NhsNumber, FieldType.String, "nhsNumber", "9434765919", "9434765918")]
    [InlineData(IdentifierKind.Postcode, FieldType.String, "postcode", "SW1A 1AA", "SW1A")]
    [InlineData(IdentifierKind.Uprn, FieldType.String, "uprn", "100023336956", "1000233369561234")]
    [InlineData(IdentifierKind.Email, FieldType.String, "email", "a.person@example.gov.uk", "not an address")]
    [InlineData(IdentifierKind.Phone, FieldType.String, "phone", "+447700900123", "12345")]
    [InlineData(IdentifierKind.None, FieldType.Date, "date", "2024-02-29", "2023-02-29")]
    [InlineData(IdentifierKind.None, FieldType.DateTime, "datetime", "2024-02-29T10:00:00Z", "yesterday")]
    [InlineData(IdentifierKind.None, FieldType.Integer, "integer", "-42", "4.2")]
    [InlineData(IdentifierKind.None, FieldType.Number, "number", "4.2e3", "4,2")]
    [InlineData(IdentifierKind.None, FieldType.Boolean, "boolean", "true", "yes")]
    public void Validity_uses_the_fields_identifier_or_type(IdentifierKind identifier, FieldType type, string standard, string valid, string invalid)
    {
        var dataset = new Dataset("d", "o", "D", new DatasetSchema([new SchemaField("value", type) { Identifier = identifier }], []));
        var profiler = new DatasetProfiler(dataset, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
        profiler.AddRow([valid], "1", default);
        profiler.AddRow([invalid], "2", default);
        profiler.AddRow([valid], "3", default);

        var field = profiler.Complete(ProfileTrigger.OnDemand, null, null).Fields[0];

        Assert.Equal(standard, field.Standard);
        Assert.Equal((2L, 1L), (field.Valid, field.Invalid));
        Assert.Equal(2.0 / 3, field.Validity!.Value, 9);
    }
}
