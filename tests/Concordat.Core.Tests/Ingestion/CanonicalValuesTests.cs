using System.Globalization;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using CsCheck;

namespace Concordat.Core.Tests.Ingestion;

/// <summary>Values the schema types alike must store (and so hash) alike (issue 15.13).</summary>
public sealed class CanonicalValuesTests
{
    private static string? Canonical(FieldType type, string text)
    {
        Assert.True(new FieldValidator(new SchemaField("v", type)).TryValidate(text, out var canonical, out var reason), reason);
        return canonical;
    }

    [Theory]
    [InlineData("211.00", "211")]
    [InlineData("211.0", "211")]
    [InlineData("211", "211")]
    [InlineData("+211", "211")]
    [InlineData("2.11E2", "211")]
    [InlineData("0211.50", "211.5")]
    [InlineData("-0.00", "0")]
    [InlineData("-1.250", "-1.25")]
    [InlineData("1E-2", "0.01")]
    [InlineData("100", "100")]
    [InlineData("1.0E1", "10")]
    public void Number_is_stored_in_its_shortest_form(string written, string stored) =>
        Assert.Equal(stored, Canonical(FieldType.Number, written));

    [Theory]
    [InlineData("1E-30")]
    [InlineData("0.12345678901234567890123456789012")]
    [InlineData("123456789012345678901234567890.5")]
    [InlineData("1E+40")]
    public void Number_the_field_cannot_hold_exactly_is_refused_not_rounded(string written)
    {
        Assert.False(new FieldValidator(new SchemaField("v", FieldType.Number)).TryValidate(written, out _, out var reason));
        Assert.Matches("has more precision than a number field keeps|is beyond the range of a number field", reason);
    }

    [Theory]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("1.2345678901234567890123456789E5", "123456.78901234567890123456789")]
    public void Number_at_the_edge_of_the_field_is_kept_exactly(string written, string stored) =>
        Assert.Equal(stored, Canonical(FieldType.Number, written));

    [Theory]
    [InlineData(FieldType.Integer, "007", "+7", "7")]
    [InlineData(FieldType.Boolean, "Y", "true", "1")]
    [InlineData(FieldType.Boolean, "no", "F", "0")]
    [InlineData(FieldType.DateTime, "2024-06-01T13:00:00+01:00", "2024-06-01T12:00:00.000Z", "2024-06-01T12:00Z")]
    public void Other_types_already_have_one_text_per_value(FieldType type, string a, string b, string c)
    {
        Assert.Equal(Canonical(type, a), Canonical(type, b));
        Assert.Equal(Canonical(type, a), Canonical(type, c));
    }

    [Fact]
    public void Any_spelling_of_a_number_stores_the_same_text_and_keeps_its_value()
    {
        Gen.Select(Gen.Long[-999_999_999_999L, 999_999_999_999L], Gen.Int[0, 8], Gen.Int[0, 4], Gen.Bool).Sample((mantissa, scale, padding, exponent) =>
        {
            var value = decimal.Parse(string.Create(CultureInfo.InvariantCulture, $"{mantissa}E-{scale}"), NumberStyles.Float, CultureInfo.InvariantCulture);
            var plain = value.ToString(CultureInfo.InvariantCulture);
            var padded = plain + (padding > 0 ? (plain.Contains('.', StringComparison.Ordinal) ? "" : ".") + new string('0', padding) : "");
            var written = exponent ? value.ToString("E12", CultureInfo.InvariantCulture) : padded;

            var stored = Canonical(FieldType.Number, written)!;

            Assert.Equal(CanonicalValues.Number(value), stored);
            Assert.Equal(value, decimal.Parse(stored, CultureInfo.InvariantCulture));
            Assert.False(stored.Contains('.', StringComparison.Ordinal) && stored.EndsWith('0'), stored);
            Assert.DoesNotContain("E", stored, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Stored_payload_is_canonicalised_by_rewriting_only_its_numbers()
    {
        var payload = Encoding.UTF8.GetBytes("""{"a":"1.50","b":211.00,"c":7,"d":-0.0,"e":"O'Brien","f":true,"g":12.5}""");

        Assert.True(CanonicalValues.TryCanonicalise(payload, out var canonical));
        Assert.Equal("""{"a":"1.50","b":211,"c":7,"d":0,"e":"O'Brien","f":true,"g":12.5}""", Encoding.UTF8.GetString(canonical!));
        Assert.False(CanonicalValues.TryCanonicalise(canonical, out var again));
        Assert.Null(again);
        Assert.Null(CanonicalValues.CanonicalHashIfDifferent("""{"a":"211.00","n":3}"""));
    }
}
