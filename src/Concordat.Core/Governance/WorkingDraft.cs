namespace Concordat.Core.Governance;

/// <summary>
/// Agreement terms being written section by section (the portal's task list), kept until they pass
/// <see cref="AgreementValidator"/> and become a new agreement, or a new version of <see cref="AgreementId"/> when
/// <see cref="Amends"/> is set. A working draft is not an agreement: it has no status, no history and shares nothing.
/// Immutable.
/// </summary>
public sealed record WorkingDraft
{
    /// <summary>Opaque id, <c>wd-</c> and 20 hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>The organisation whose staff write it; only they see it.</summary>
    public required string OrganisationId { get; init; }

    /// <summary>Who started it (the staff member's subject).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The id the agreement will have (a slug), or the agreement being amended; null until chosen.</summary>
    public string? AgreementId { get; init; }

    /// <summary>True when the draft holds new terms for the existing agreement <see cref="AgreementId"/>.</summary>
    public bool Amends { get; init; }

    /// <summary>The terms so far; any element may be missing.</summary>
    public required AgreementDraft Draft { get; init; }

    /// <summary>When it was started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A new random id.</summary>
    public static string NewId() => "wd-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
}
