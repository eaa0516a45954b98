using System.Globalization;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Standards;

namespace Concordat.Core.Exchange;

/// <summary>
/// Compares a claimed value with a held one the way a person would mean them: identifiers by their UK standard,
/// dates and numbers by value, text without regard to case, accents, punctuation or spacing. Both sides pass through
/// the agreement's transform first, so a verification never reveals more detail than the agreement shares (a date of
/// birth generalised to its year can only be confirmed to the year).
/// </summary>
public static class ClaimComparer
{
    /// <summary>Compares a claim with the held value of a field.</summary>
    public static ClaimOutcome Compare(SchemaField field, FieldTransform transform, string claimed, string? held, ReadOnlySpan<byte> pseudonymKey)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(claimed);
        if (held is null)
        {
            return ClaimOutcome.NotHeld;
        }

        var left = Canonical(field, claimed);
        var right = Canonical(field, held);
        if (left is null)
        {
            return ClaimOutcome.NotMatched;
        }

        if (transform != FieldTransform.None)
        {
            left = FieldTransforms.Apply(transform, left, pseudonymKey);
            right = FieldTransforms.Apply(transform, right, pseudonymKey);
        }

        return left is not null && string.Equals(left, right, StringComparison.Ordinal) ? ClaimOutcome.Matched : ClaimOutcome.NotMatched;
    }

    // The comparable form of a value, or null when it is not a valid value of the field at all.
    private static string? Canonical(SchemaField field, string value)
    {
        if (field.Identifier != IdentifierKind.None)
        {
            return IdentifierStandard.TryNormalise(field.Identifier, value, out var normalised, out _) ? normalised : null;
        }

        switch (field.Type)
        {
            case FieldType.Date:
                return IsoDate.TryParseDate(value, out var date) ? IsoDate.FormatDate(date) : null;
            case FieldType.DateTime:
                return IsoDate.TryParseDateTime(value, out var instant) ? IsoDate.FormatDateTime(instant) : null;
            case FieldType.Integer or FieldType.Number:
                return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? number.ToString("G29", CultureInfo.InvariantCulture)
                    : null;
            case FieldType.Boolean:
                return bool.TryParse(value.Trim(), out var flag) ? (flag ? "true" : "false") : null;
            default:
                return Text(value);
        }
    }

    // Letters and digits only, lower case, accents removed, words separated by one space.
    private static string Text(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-')
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}
