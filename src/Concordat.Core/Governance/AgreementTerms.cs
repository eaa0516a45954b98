using System.Text.Json.Serialization;

namespace Concordat.Core.Governance;

/// <summary>
/// What an agreement says: the parties, the data, the purpose and its legal footing, the disclosure mode and the
/// period. Built only by <see cref="AgreementValidator"/>, so a value of this type is complete and consistent.
/// Changing terms makes a new agreement version.
/// </summary>
public sealed record AgreementTerms
{
    /// <summary>Short title for the register.</summary>
    public required string Title { get; init; }

    /// <summary>The organisation that holds the data and approves the agreement.</summary>
    public required string ProviderOrganisationId { get; init; }

    /// <summary>The organisation that receives the data.</summary>
    public required string ConsumerOrganisationId { get; init; }

    /// <summary>The datasets, fields and row filters shared; at least one dataset with at least one field.</summary>
    public required IReadOnlyList<AgreementDataset> Datasets { get; init; }

    /// <summary>The purpose in plain words.</summary>
    public required string Purpose { get; init; }

    /// <summary>One of <see cref="PurposeCodes"/>.</summary>
    public required string PurposeCode { get; init; }

    /// <summary>UK GDPR Art. 6 basis.</summary>
    public required LawfulBasis LawfulBasis { get; init; }

    /// <summary>UK GDPR Art. 9 condition; present exactly when a shared field is special category.</summary>
    public SpecialCategoryCondition? SpecialCategoryCondition { get; init; }

    /// <summary>The legal power to share, e.g. <c>Digital Economy Act 2017 Part 5 (public service delivery)</c>.</summary>
    public required string LegalGateway { get; init; }

    /// <summary>How records leave the hub.</summary>
    public required DisclosureMode DisclosureMode { get; init; }

    /// <summary>How long the consumer may keep its copy, in days.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>How often data is shared.</summary>
    public required SharingFrequency Frequency { get; init; }

    /// <summary>First day of sharing: active from 00:00 UTC on this date.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>End date: the agreement expires at 00:00 UTC on this date. Always after <see cref="StartDate"/>.</summary>
    public required DateOnly EndDate { get; init; }

    /// <summary>Reference of the data protection impact assessment; null only when no personal data is shared.</summary>
    public string? DpiaReference { get; init; }

    /// <summary>Contacts of both parties.</summary>
    public IReadOnlyList<AgreementContact> Contacts { get; init; } = [];

    /// <summary>The instant the agreement becomes active.</summary>
    [JsonIgnore]
    public DateTimeOffset StartsAt => new(StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instant the agreement expires.</summary>
    [JsonIgnore]
    public DateTimeOffset EndsAt => new(EndDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The scope of one dataset, or null when the agreement does not cover it.</summary>
    public AgreementDataset? FindDataset(string datasetId)
    {
        foreach (var dataset in Datasets)
        {
            if (string.Equals(dataset.DatasetId, datasetId, StringComparison.Ordinal))
            {
                return dataset;
            }
        }

        return null;
    }
}
