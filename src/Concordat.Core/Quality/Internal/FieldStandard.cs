using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Quality.Internal;

/// <summary>The standard a field's values are checked against: its identifier kind, else its type's ISO/invariant text form.</summary>
internal static class FieldStandard
{
    /// <summary>The standard's name and check for <paramref name="field"/>, or (null, null) for free text.</summary>
    public static (string? Name, Func<string, bool>? Check) For(SchemaField field) => For(field.Identifier, field.Type);

    public static (string? Name, Func<string, bool>? Check) For(IdentifierKind identifier, FieldType type) => identifier switch
    {
        IdentifierKind.Nino => ("nino", Nino.IsValid),
        IdentifierKind.NhsNumber => ("nhsNumber", NhsNumber.IsValid),
        IdentifierKind.Postcode => ("postcode", Postcode.IsValid),
        IdentifierKind.Uprn => ("uprn", Uprn.IsValid),
        IdentifierKind.Email => ("email", EmailAddress.IsValid),
        IdentifierKind.Phone => ("phone", UkPhone.IsValid),
        _ => type switch
        {
            FieldType.Integer => ("integer", v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)),
            FieldType.Number => ("number", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
            FieldType.Boolean => ("boolean", v => v is "true" or "false"),
            FieldType.Date => ("date", v => IsoDate.TryParseDate(v, out _)),
            FieldType.DateTime => ("datetime", v => IsoDate.TryParseDateTime(v, out _)),
            _ => (null, null),
        },
    };

    /// <summary>The check for a standard named in a rule file, or null when the name is unknown.</summary>
    public static Func<string, bool>? Named(string name) => name switch
    {
        "nino" => Nino.IsValid,
        "nhsNumber" => NhsNumber.IsValid,
        "postcode" => Postcode.IsValid,
        "uprn" => Uprn.IsValid,
        "email" => EmailAddress.IsValid,
        "phone" => UkPhone.IsValid,
        "date" => v => IsoDate.TryParseDate(v, out _),
        "datetime" => v => IsoDate.TryParseDateTime(v, out _),
        _ => null,
    };

    /// <summary>Names accepted by <see cref="Named"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["nino", "nhsNumber", "postcode", "uprn", "email", "phone", "date", "datetime"];
}
