using Concordat.Core.Catalogue;

namespace Concordat.Core.Audit;

/// <summary>
/// Who may read which audit entries: the one decision the audit API (and the portal) apply. An administrator reads
/// every entry and may export the whole log. A data protection officer reads the entries about their own
/// organisation's data: those where the organisation asked (the consumer side) and those about its datasets or its
/// agreements (the provider side). Everyone else reads none. Checkpoints and consistency proofs carry only hashes,
/// so any audit reader may have them; an inclusion proof names an entry's leaf, so it follows the entry's scope.
/// Immutable and thread safe.
/// </summary>
public sealed class AuditReadScope
{
    private AuditReadScope(string organisationId, bool everything)
    {
        OrganisationId = organisationId;
        SeesEverything = everything;
    }

    /// <summary>The organisation whose entries the reader sees.</summary>
    public string OrganisationId { get; }

    /// <summary>True for an administrator: every entry, the whole export and every organisation's security events.</summary>
    public bool SeesEverything { get; }

    /// <summary>True when the reader may take the whole log as one export (administrators only: it holds every organisation's entries).</summary>
    public bool MayExportWholeLog => SeesEverything;

    /// <summary>The scope of a client acting for <paramref name="organisationId"/> with <paramref name="roles"/>, or null when it may read no audit entries.</summary>
    public static AuditReadScope? For(string organisationId, ClientRole roles)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisationId);
        if (roles.HasFlag(ClientRole.Admin))
        {
            return new AuditReadScope(organisationId, everything: true);
        }

        return roles.HasFlag(ClientRole.Dpo) ? new AuditReadScope(organisationId, everything: false) : null;
    }

    /// <summary>Whether the reader may see an entry that concerns <paramref name="organisations"/> (from <see cref="AuditReader.OrganisationsOfAsync"/>).</summary>
    public bool Covers(IReadOnlyCollection<string> organisations)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return SeesEverything || organisations.Contains(OrganisationId, StringComparer.Ordinal);
    }
}
