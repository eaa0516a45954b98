namespace Concordat.Core.Governance;

/// <summary>
/// Persistence of agreements and their history. Every write stores the new state and its history entry in one
/// transaction. Implementations are thread safe.
/// </summary>
public interface IAgreementStore
{
    /// <summary>Stores a new agreement with its first history entry; conflict when the id is taken.</summary>
    Task<Result<Agreement>> CreateAsync(AgreementTransition transition, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a changed agreement and its history entry, if the stored revision is still
    /// <paramref name="expectedRevision"/> (conflict otherwise: someone else changed it first).
    /// </summary>
    Task<Result<Agreement>> SaveAsync(AgreementTransition transition, int expectedRevision, CancellationToken cancellationToken);

    /// <summary>Finds an agreement by id.</summary>
    Task<Agreement?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Agreements ordered by id; optionally only those where <paramref name="organisationId"/> is a party.</summary>
    Task<IReadOnlyList<Agreement>> ListAsync(string? organisationId, CancellationToken cancellationToken);

    /// <summary>The history of an agreement, oldest first; empty when unknown.</summary>
    Task<IReadOnlyList<AgreementChange>> HistoryAsync(string id, CancellationToken cancellationToken);

    /// <summary>The terms of a past version, or null.</summary>
    Task<AgreementTerms?> GetVersionAsync(string id, int version, CancellationToken cancellationToken);
}
