namespace Concordat.Core.Linkage;

/// <summary>A clerical review item's state.</summary>
public enum ReviewStatus
{
    /// <summary>Waiting for a steward.</summary>
    Pending,

    /// <summary>A steward decided the two records are the same person; every later run links them.</summary>
    Accepted,

    /// <summary>A steward decided they are different people; no later run links them directly.</summary>
    Rejected,
}
