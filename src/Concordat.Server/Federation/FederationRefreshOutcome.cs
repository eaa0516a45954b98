namespace Concordat.Server.Federation;

/// <summary>What one refresh of the federation configuration did.</summary>
public enum FederationRefreshOutcome
{
    /// <summary>A newer version was verified, kept and is now in use.</summary>
    Accepted,

    /// <summary>The source serves the version already held.</summary>
    Unchanged,

    /// <summary>The source could not be read; the held configuration stays in use.</summary>
    Unreachable,

    /// <summary>The source served something refused (bad signature, older version, malformed); the held configuration stays in use.</summary>
    Refused,
}
