using System.Diagnostics.CodeAnalysis;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Standards;

/// <summary>Validates and normalises a value according to the <see cref="IdentifierKind"/> a schema field declares.</summary>
public static class IdentifierStandard
{
    /// <summary>
    /// Normalises <paramref name="value"/> with the standard for <paramref name="kind"/>: <see cref="Nino"/>,
    /// <see cref="NhsNumber"/>, <see cref="Postcode"/>, <see cref="Uprn"/> (canonical digits), <see cref="EmailAddress"/>
    /// or <see cref="UkPhone"/> (E.164). <see cref="IdentifierKind.None"/> passes the value through unchanged.
    /// </summary>
    /// <param name="kind">The identifier standard.</param>
    /// <param name="value">The raw value.</param>
    /// <param name="normalised">The normalised value, or null when invalid.</param>
    /// <param name="reason">Why the value is invalid (one sentence, without the value), or null when valid.</param>
    /// <returns>True when the value is valid for the standard.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static bool TryNormalise(IdentifierKind kind, string value, [MaybeNullWhen(false)] out string normalised, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool valid = kind switch
        {
            IdentifierKind.None => Pass(value, out normalised),
            IdentifierKind.Nino => Nino.TryNormalise(value, out normalised),
            IdentifierKind.NhsNumber => NhsNumber.TryNormalise(value, out normalised),
            IdentifierKind.Postcode => Postcode.TryNormalise(value, out normalised),
            IdentifierKind.Uprn => Uprn.TryNormalise(value, out normalised),
            IdentifierKind.Email => EmailAddress.TryNormalise(value, out normalised),
            IdentifierKind.Phone => UkPhone.TryNormalise(value, out normalised),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identifier kind."),
        };

        reason = valid ? null : Explain(kind, value);
        return valid;
    }

    /// <summary>Explains why <paramref name="value"/> is invalid for <paramref name="kind"/>, or returns null when it is valid.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string? Explain(IdentifierKind kind, string? value) => kind switch
    {
        IdentifierKind.None => null,
        IdentifierKind.Nino => Nino.Explain(value),
        IdentifierKind.NhsNumber => NhsNumber.Explain(value),
        IdentifierKind.Postcode => Postcode.Explain(value),
        IdentifierKind.Uprn => Uprn.Explain(value),
        IdentifierKind.Email => EmailAddress.Explain(value),
        IdentifierKind.Phone => UkPhone.Explain(value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identifier kind."),
    };

    private static bool Pass(string value, out string normalised)
    {
        normalised = value;
        return true;
    }
}
