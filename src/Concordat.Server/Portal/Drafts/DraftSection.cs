namespace Concordat.Server.Portal.Drafts;

/// <summary>The sections of the agreement task list, in the order a member works through them.</summary>
public enum DraftSection
{
    /// <summary>Title, reference, provider and consumer.</summary>
    Parties,

    /// <summary>Purpose, purpose code, lawful basis and Article 9 condition.</summary>
    Purpose,

    /// <summary>The legal power to share.</summary>
    Gateway,

    /// <summary>Disclosure mode, datasets, fields and their transforms.</summary>
    Datasets,

    /// <summary>Conditions every shared record must meet.</summary>
    Filters,

    /// <summary>Retention, frequency, start and end dates.</summary>
    Dates,

    /// <summary>DPIA reference and both parties' contacts.</summary>
    Dpia,
}
