namespace Concordat.Core.Federation;

/// <summary>
/// The federation's signed, versioned configuration: who the members are, how to reach and recognise their nodes,
/// which certificates are revoked, and the witness policy their audit logs answer to. Nodes accept only a
/// configuration signed by the key they pinned (<see cref="FederationConfigurationNote"/>), never an older version
/// than the one they hold, and use it until <see cref="ExpiresAt"/> plus <see cref="GracePeriod"/>. Immutable.
/// </summary>
/// <param name="Federation">The federation's name; also the name of the key that signs the configuration.</param>
/// <param name="Version">Monotonic version, from 1; a node refuses any version below the one it holds.</param>
/// <param name="IssuedAt">When the configuration was signed (UTC, whole seconds).</param>
/// <param name="ExpiresAt">Until when it is current (UTC, whole seconds).</param>
/// <param name="GracePeriod">How long after <see cref="ExpiresAt"/> a node that cannot get a newer one keeps federating.</param>
/// <param name="CertificateAuthorities">DER certificates of the federation's certificate authorities.</param>
/// <param name="Members">The member organisations and their nodes.</param>
/// <param name="RevokedCertificates">SHA-256 thumbprints (base64url, as in <c>x5t#S256</c>) of revoked node certificates.</param>
/// <param name="WitnessPolicy">The policy a checkpoint's cosignatures must satisfy (c2sp.org/tlog-policy).</param>
public sealed record FederationConfiguration(
    string Federation,
    long Version,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    TimeSpan GracePeriod,
    IReadOnlyList<ReadOnlyMemory<byte>> CertificateAuthorities,
    IReadOnlyList<FederationMember> Members,
    IReadOnlyList<string> RevokedCertificates,
    WitnessPolicy WitnessPolicy)
{
    /// <summary>The format name the configuration's JSON carries in <c>format</c>.</summary>
    public const string FormatName = "concordat.federation/v1";

    /// <summary>When the grace period ends and a node stops federating on this configuration.</summary>
    public DateTimeOffset GraceEndsAt => ExpiresAt + GracePeriod;

    /// <summary>Whether the configuration is current, in its grace period, or expired past grace at <paramref name="now"/>.</summary>
    public FederationConfigurationState StateAt(DateTimeOffset now) =>
        now < ExpiresAt ? FederationConfigurationState.Current
        : now < GraceEndsAt ? FederationConfigurationState.Grace
        : FederationConfigurationState.Expired;

    /// <summary>The member with the organisation id, or null.</summary>
    public FederationMember? FindMember(string organisationId) =>
        Members.FirstOrDefault(m => string.Equals(m.OrganisationId, organisationId, StringComparison.Ordinal));

    /// <summary>Whether a certificate thumbprint is revoked.</summary>
    public bool IsRevoked(string thumbprint) => RevokedCertificates.Contains(thumbprint, StringComparer.Ordinal);
}
