namespace Concordat.Core.Governance;

/// <summary>
/// Metadata of one pseudonymisation key of an agreement. The key bytes are stored sealed under the master key and
/// never leave the hub. Rotation retires the current key and creates the next version; a retired key is kept so the
/// provider can still resolve old tokens.
/// </summary>
/// <param name="KeyId">Opaque id given to consumers with their tokens, e.g. <c>pk-3f9a...</c>.</param>
/// <param name="AgreementId">The agreement the key belongs to.</param>
/// <param name="Version">1 for the first key, incremented on each rotation.</param>
/// <param name="CreatedAt">When the key was made (UTC).</param>
/// <param name="RetiredAt">When it was replaced; null for the current key.</param>
public sealed record PseudonymKey(string KeyId, string AgreementId, int Version, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
