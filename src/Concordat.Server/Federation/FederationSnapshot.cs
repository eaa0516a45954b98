using Concordat.Core.Federation;

namespace Concordat.Server.Federation;

/// <summary>A configuration a node accepted, with the trust built from it. Immutable; replaced whole on refresh.</summary>
/// <param name="Configuration">The verified configuration.</param>
/// <param name="Trust">Membership decisions under it.</param>
/// <param name="Note">The signed note exactly as accepted.</param>
/// <param name="Self">This node's own entry, or null when this organisation is not a member.</param>
public sealed record FederationSnapshot(FederationConfiguration Configuration, FederationTrust Trust, string Note, FederationMember? Self);
