using Concordat.Core.Catalogue;

namespace Concordat.Core.Governance;

/// <summary>
/// What a field discloses about a person in the form it leaves the hub, decided from the schema's own vocabulary
/// (type, <c>enum</c> constraint, personal-data category, identifier kind) and the agreement's transform. The agreement
/// validator and the aggregate engine both ask here, so the rules cannot drift apart. Pure and thread safe.
/// </summary>
/// <remarks>
/// A field is a <b>direct identifier</b> when, left as held, it singles a person out on its own:
/// <list type="bullet">
/// <item>its identifier kind is NINO, NHS number, e-mail, phone or UPRN (a UPRN names a dwelling, so a household);</item>
/// <item>its identifier kind is postcode (a full postcode is part of an address, about fifteen households);</item>
/// <item>it is personal or special-category data of type string, date or datetime without an <c>enum</c> constraint:
/// names, address lines, reference numbers, free text, dates of birth or of death.</item>
/// </list>
/// A transform that generalises (date to year or month, postcode to district or sector) or pseudonymises takes the
/// field out of that class. A field is <b>categorical</b> when its values come from a closed set the schema names:
/// booleans, and fields with an <c>enum</c> constraint.
/// </remarks>
public static class FieldDisclosure
{
    /// <summary>True when <paramref name="field"/>, left as held, identifies a person on its own (see the class remarks).</summary>
    public static bool IsDirectIdentifier(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Identifier is not IdentifierKind.None)
        {
            return true;
        }

        if (field.PersonalData == PersonalDataCategory.None || IsCategorical(field))
        {
            return false;
        }

        return field.Type is FieldType.String or FieldType.Date or FieldType.DateTime;
    }

    /// <summary>True when the field's values come from a closed set the schema names: a boolean, or an <c>enum</c> constraint.</summary>
    public static bool IsCategorical(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type == FieldType.Boolean || field.Constraints.Enum is { Count: > 0 };
    }

    /// <summary>True for the transforms that coarsen a value: date to year or month, postcode to district or sector.</summary>
    public static bool Generalises(FieldTransform transform) =>
        transform is FieldTransform.DateToYear or FieldTransform.DateToMonth or FieldTransform.PostcodeDistrict or FieldTransform.PostcodeSector;

    /// <summary>True when the field, shared with <paramref name="transform"/>, still identifies a person on its own.</summary>
    public static bool IdentifiesInSharedForm(SchemaField field, FieldTransform transform)
    {
        ArgumentNullException.ThrowIfNull(field);
        return transform == FieldTransform.None && IsDirectIdentifier(field);
    }

    /// <summary>
    /// Why the field, shared with <paramref name="transform"/>, may not be an aggregate's group-by field; null when it
    /// may. Only categorical fields shared as held, and generalised fields, are groupable: never an identifier, a
    /// pseudonym (one per person), free text or an exact date or number.
    /// </summary>
    public static string? GroupingProblem(SchemaField field, FieldTransform transform)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (transform == FieldTransform.Pseudonymise)
        {
            return "a pseudonym is unique to one person, so grouping by it would list people.";
        }

        if (Generalises(transform))
        {
            return null;
        }

        if (field.Identifier is not IdentifierKind.None)
        {
            return field.Identifier == IdentifierKind.Postcode
                ? "a full postcode identifies a handful of households; share it as postcodeDistrict or postcodeSector to group by it."
                : $"a {field.Identifier} identifier names one person or household, so grouping by it would list them.";
        }

        if (IsCategorical(field))
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.String => "free text (a string with no enum constraint in the schema) can name people; only categorical or generalised fields are groupable.",
            FieldType.Date or FieldType.DateTime => "an exact date can single a person out; share it as dateToYear or dateToMonth to group by it.",
            _ => "an exact number can single a person out; give the field an enum constraint in the schema to group by it.",
        };
    }

    /// <summary>Why the field, shared with <paramref name="transform"/>, may not be summed in an aggregate; null when it may.</summary>
    public static string? SummingProblem(SchemaField field, FieldTransform transform)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Type is not (FieldType.Integer or FieldType.Number) || transform != FieldTransform.None)
        {
            return "only a number shared as it is can be summed.";
        }

        return field.Identifier is IdentifierKind.None ? null : $"a {field.Identifier} identifier is not a measure.";
    }
}
