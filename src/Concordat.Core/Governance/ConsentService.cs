namespace Concordat.Core.Governance;

/// <summary>
/// Consent records where an agreement's lawful basis is consent (or its Art. 9 condition explicit consent): a party
/// records a person's consent and its withdrawal; <see cref="AgreementService.DecideAsync"/> reads the latest record
/// on every request, so a withdrawal applies to the next one. Thread safe.
/// </summary>
public sealed class ConsentService
{
    private readonly AgreementService _agreements;
    private readonly IConsentStore _consents;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public ConsentService(AgreementService agreements, IConsentStore consents, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(time);
        _agreements = agreements;
        _consents = consents;
        _time = time;
    }

    /// <summary>Records that a person gave consent under a consent-based agreement; a party of the agreement records it.</summary>
    public async Task<Result<ConsentRecord>> GiveAsync(string id, string subjectId, AgreementActor actor, CancellationToken cancellationToken)
    {
        var checkedAgreement = await ConsentAgreementAsync(id, subjectId, actor, cancellationToken);
        if (!checkedAgreement.IsSuccess)
        {
            return Result<ConsentRecord>.Failure(checkedAgreement.Errors);
        }

        var now = _time.GetUtcNow();
        var current = await _consents.GetCurrentAsync(id, subjectId, cancellationToken);
        if (current is not null && current.StateAt(now) == SubjectConsent.Given)
        {
            return current;
        }

        var record = new ConsentRecord(id, subjectId, now, null, actor.ClientId);
        await _consents.AddAsync(record, cancellationToken);
        return record;
    }

    /// <summary>Records a withdrawal; it applies to the next request. Not found when no consent stands.</summary>
    public async Task<Result<ConsentRecord>> WithdrawAsync(string id, string subjectId, AgreementActor actor, CancellationToken cancellationToken)
    {
        var checkedAgreement = await ConsentAgreementAsync(id, subjectId, actor, cancellationToken);
        if (!checkedAgreement.IsSuccess)
        {
            return Result<ConsentRecord>.Failure(checkedAgreement.Errors);
        }

        var now = _time.GetUtcNow();
        if (!await _consents.WithdrawAsync(id, subjectId, now, cancellationToken))
        {
            return Error.NotFound("consent.not_found", "No standing consent for this person under this agreement.");
        }

        return (await _consents.GetCurrentAsync(id, subjectId, cancellationToken))!;
    }

    /// <summary>The consent records of an agreement, optionally of one person.</summary>
    public Task<IReadOnlyList<ConsentRecord>> ListAsync(string id, string? subjectId, CancellationToken cancellationToken) =>
        _consents.ListAsync(id, subjectId, cancellationToken);


    private async Task<Result<Agreement>> ConsentAgreementAsync(string id, string subjectId, AgreementActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(subjectId) || subjectId.Length > 200)
        {
            return Error.Validation("consent.invalid_subject", "subjectId must be 1 to 200 characters.", "subjectId");
        }

        var agreement = await _agreements.GetAsync(id, cancellationToken);
        if (agreement is null)
        {
            return Error.NotFound("agreement.not_found", $"No agreement '{id}'.");
        }

        if (!actor.IsOf(agreement.Terms.ProviderOrganisationId) && !actor.IsOf(agreement.Terms.ConsumerOrganisationId))
        {
            return Error.NotFound("agreement.not_found", $"No agreement '{id}'.");
        }

        if (agreement.Terms.LawfulBasis != LawfulBasis.Consent && agreement.Terms.SpecialCategoryCondition != SpecialCategoryCondition.ExplicitConsent)
        {
            return Error.Conflict("consent.not_consent_basis", $"Agreement '{id}' does not rely on consent ({agreement.Terms.LawfulBasis}), so it keeps no consent records.");
        }

        return agreement;
    }
}
