namespace Concordat.Core.Catalogue;

/// <summary>One field of a dataset schema: its name, type, meaning and handling rules.</summary>
/// <param name="Name">Field name, unique in the schema; camelCase by convention.</param>
/// <param name="Type">The logical type.</param>
public sealed record SchemaField(string Name, FieldType Type)
{
    /// <summary>What the field means, for a human reader.</summary>
    public string? Description { get; init; }

    /// <summary>Unit of measure, e.g. <c>GBP</c> or <c>years</c>; null when not a measure.</summary>
    public string? Unit { get; init; }

    /// <summary>Security classification of the field's values.</summary>
    public Classification Classification { get; init; } = Classification.Official;

    /// <summary>UK GDPR category of the field's values.</summary>
    public PersonalDataCategory PersonalData { get; init; } = PersonalDataCategory.None;

    /// <summary>Identifier standard the values follow, if any.</summary>
    public IdentifierKind Identifier { get; init; } = IdentifierKind.None;

    /// <summary>Value constraints.</summary>
    public FieldConstraints Constraints { get; init; } = FieldConstraints.None;
}
