namespace Concordat.Core.Governance;

/// <summary>
/// Agreement terms as a person writes them (API body or CLI JSON file): everything optional, so
/// <see cref="AgreementValidator"/> can explain each missing or inconsistent element at once.
/// </summary>
public sealed record AgreementDraft
{
    /// <summary>Short title.</summary>
    public string? Title { get; init; }

    /// <summary>Provider organisation id.</summary>
    public string? ProviderOrganisationId { get; init; }

    /// <summary>Consumer organisation id.</summary>
    public string? ConsumerOrganisationId { get; init; }

    /// <summary>Datasets and fields.</summary>
    public IReadOnlyList<AgreementDatasetDraft>? Datasets { get; init; }

    /// <summary>Purpose in plain words.</summary>
    public string? Purpose { get; init; }

    /// <summary>Purpose code from <see cref="PurposeCodes"/>.</summary>
    public string? PurposeCode { get; init; }

    /// <summary>Art. 6 basis.</summary>
    public LawfulBasis? LawfulBasis { get; init; }

    /// <summary>Art. 9 condition.</summary>
    public SpecialCategoryCondition? SpecialCategoryCondition { get; init; }

    /// <summary>Legal gateway.</summary>
    public string? LegalGateway { get; init; }

    /// <summary>Disclosure mode.</summary>
    public DisclosureMode? DisclosureMode { get; init; }

    /// <summary>Retention of the consumer's copy in days.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Frequency.</summary>
    public SharingFrequency? Frequency { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>End date (expires at 00:00 UTC on it).</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>DPIA reference.</summary>
    public string? DpiaReference { get; init; }

    /// <summary>Contacts.</summary>
    public IReadOnlyList<AgreementContact>? Contacts { get; init; }

    /// <summary>The draft that reproduces <paramref name="terms"/>, for amending an agreement.</summary>
    public static AgreementDraft From(AgreementTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new AgreementDraft
        {
            Title = terms.Title,
            ProviderOrganisationId = terms.ProviderOrganisationId,
            ConsumerOrganisationId = terms.ConsumerOrganisationId,
            Datasets = terms.Datasets.Select(d => new AgreementDatasetDraft(d.DatasetId, d.Fields, d.RowFilters)).ToList(),
            Purpose = terms.Purpose,
            PurposeCode = terms.PurposeCode,
            LawfulBasis = terms.LawfulBasis,
            SpecialCategoryCondition = terms.SpecialCategoryCondition,
            LegalGateway = terms.LegalGateway,
            DisclosureMode = terms.DisclosureMode,
            RetentionDays = terms.RetentionDays,
            Frequency = terms.Frequency,
            StartDate = terms.StartDate,
            EndDate = terms.EndDate,
            DpiaReference = terms.DpiaReference,
            Contacts = terms.Contacts,
        };
    }
}
