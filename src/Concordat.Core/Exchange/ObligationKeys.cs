using Concordat.Core.Governance;

namespace Concordat.Core.Exchange;

/// <summary>The pseudonymisation key a permit's obligations name, unsealed; shared by every exchange request.</summary>
internal static class ObligationKeys
{
    /// <summary>The key bytes, or an empty array when the obligations pseudonymise nothing.</summary>
    /// <exception cref="InvalidOperationException">The obligations name a key the hub does not hold (a broken store).</exception>
    public static async Task<byte[]> UnsealAsync(AgreementService agreements, Obligations obligations, CancellationToken cancellationToken)
    {
        if (obligations.PseudonymKeyId is not { } keyId)
        {
            return [];
        }

        return await agreements.UnsealKeyAsync(keyId, cancellationToken)
            ?? throw new InvalidOperationException($"Pseudonymisation key '{keyId}' of agreement '{obligations.AgreementId}' is missing.");
    }
}
