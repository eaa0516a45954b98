namespace Concordat.Core.Governance;

/// <summary>Persistence of consent records. Thread safe.</summary>
public interface IConsentStore
{
    /// <summary>Adds a record of consent given.</summary>
    Task AddAsync(ConsentRecord record, CancellationToken cancellationToken);

    /// <summary>Marks the person's standing consent withdrawn at <paramref name="at"/>; false when there is none.</summary>
    Task<bool> WithdrawAsync(string agreementId, string subjectId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The person's latest record under the agreement, or null.</summary>
    Task<ConsentRecord?> GetCurrentAsync(string agreementId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Every record of the agreement, optionally of one person, oldest first.</summary>
    Task<IReadOnlyList<ConsentRecord>> ListAsync(string agreementId, string? subjectId, CancellationToken cancellationToken);

    /// <summary>The people whose consent stands at <paramref name="now"/> (for extracts under a consent basis).</summary>
    Task<IReadOnlySet<string>> ConsentingSubjectsAsync(string agreementId, DateTimeOffset now, CancellationToken cancellationToken);
}
