namespace Concordat.Core.Governance;

/// <summary>
/// What the caller of the policy engine must do with a permitted request. Returning anything beyond these, or without
/// these transforms, breaks the agreement.
/// </summary>
public sealed record Obligations
{
    /// <summary>The agreement that permitted the request, and its version (for the audit entry).</summary>
    public required string AgreementId { get; init; }

    /// <summary>The agreement version.</summary>
    public required int AgreementVersion { get; init; }

    /// <summary>The disclosure mode.</summary>
    public required DisclosureMode Mode { get; init; }

    /// <summary>Exactly the fields to return, in agreement order, each with its transform. Never empty.</summary>
    public required IReadOnlyList<PermittedField> Fields { get; init; }

    /// <summary>The pseudonymisation key to tokenise <see cref="FieldTransform.Pseudonymise"/> fields with; set in pseudonymised mode.</summary>
    public string? PseudonymKeyId { get; init; }

    /// <summary>Conditions every returned record must meet (AND); evaluate with <see cref="RowFilter.Matches"/>.</summary>
    public required IReadOnlyList<RowFilter> RowFilters { get; init; }

    /// <summary>Small-cell suppression and rounding; set in aggregate mode.</summary>
    public SuppressionRules? Suppression { get; init; }

    /// <summary>
    /// True when the lawful basis is consent and the request concerns many people: return only records of people with
    /// consent given and not withdrawn at the time of the request.
    /// </summary>
    public bool OnlyConsentingSubjects { get; init; }

    /// <summary>How long the consumer may keep what it receives, in days.</summary>
    public required int RetentionDays { get; init; }
}
