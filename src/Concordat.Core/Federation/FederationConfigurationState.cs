namespace Concordat.Core.Federation;

/// <summary>Where a federation configuration stands at a moment.</summary>
public enum FederationConfigurationState
{
    /// <summary>Before its expiry: federation traffic flows.</summary>
    Current,

    /// <summary>Expired, within its grace period: traffic still flows, and the node says it needs a newer configuration.</summary>
    Grace,

    /// <summary>Past expiry and grace: federation traffic stops (the node's local work does not).</summary>
    Expired,
}
