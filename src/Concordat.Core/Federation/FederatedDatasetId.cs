namespace Concordat.Core.Federation;

/// <summary>
/// A dataset named across a federation: <c>ORGANISATION:DATASET</c>, e.g. <c>dwp:dwp-claimants</c>, the dataset
/// <c>dwp-claimants</c> held at the node of organisation <c>dwp</c>. Dataset and organisation ids are slugs (lower-case
/// letters, digits and hyphens), so the colon cannot be part of either. Pure.
/// </summary>
public static class FederatedDatasetId
{
    /// <summary>Splits a qualified dataset id; false for a plain (local) id or anything malformed.</summary>
    public static bool TryParse(string? value, out string organisationId, out string datasetId)
    {
        organisationId = datasetId = "";
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1 || value.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        organisationId = value[..colon];
        datasetId = value[(colon + 1)..];
        return true;
    }
}
