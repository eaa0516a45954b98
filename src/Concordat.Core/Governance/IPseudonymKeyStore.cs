namespace Concordat.Core.Governance;

/// <summary>Persistence of pseudonymisation keys, sealed under the master key. Thread safe.</summary>
public interface IPseudonymKeyStore
{
    /// <summary>
    /// Makes <paramref name="key"/> the agreement's current key: retires the previous current key at
    /// <paramref name="key"/>'s creation time, in one transaction. Conflict when the key id or the agreement's key
    /// version is taken (a concurrent rotation).
    /// </summary>
    Task<Result<PseudonymKey>> AddCurrentAsync(PseudonymKey key, byte[] sealedKey, CancellationToken cancellationToken);

    /// <summary>A key and its sealed bytes by id, current or retired.</summary>
    Task<(PseudonymKey Key, byte[] Sealed)?> GetAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>An agreement's keys, oldest first.</summary>
    Task<IReadOnlyList<PseudonymKey>> ListAsync(string agreementId, CancellationToken cancellationToken);
}
