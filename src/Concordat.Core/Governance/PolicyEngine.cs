namespace Concordat.Core.Governance;

/// <summary>
/// Decides whether one request may be answered, and how: a pure function of the request (which carries the agreement,
/// the clock reading and the consent state), so it is deterministic, thread safe and testable without storage.
/// Deny by default: every check must pass for a permit, and a permit names exactly what may leave.
/// </summary>
public static class PolicyEngine
{
    /// <summary>Decides <paramref name="request"/>.</summary>
    public static PolicyDecision Decide(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ClientId) || string.IsNullOrWhiteSpace(request.OrganisationId))
        {
            return PolicyDecision.Deny(DenyReason.InvalidRequest, "The request has no authenticated client.");
        }

        if (string.IsNullOrWhiteSpace(request.DatasetId) || request.RequestedFields is null)
        {
            return PolicyDecision.Deny(DenyReason.InvalidRequest, "The request names no dataset.");
        }

        // Checked before anything about the agreement, so the answer says nothing about it; the exchange records an
        // unknown purpose in the audit log as withheld rather than as the text sent.
        if (!PurposeCodes.IsKnown(request.PurposeCode))
        {
            return PolicyDecision.Deny(DenyReason.UnknownPurpose, "The stated purpose is not a purpose code; see GET /api/v1/agreements/purpose-codes.");
        }

        var agreement = request.Agreement;
        if (agreement is null)
        {
            return PolicyDecision.Deny(DenyReason.NoAgreement, "No agreement covers this request.");
        }

        var terms = agreement.Terms;
        switch (agreement.StatusAt(request.Time))
        {
            case AgreementStatus.Active:
                break;
            case AgreementStatus.Approved:
                return PolicyDecision.Deny(DenyReason.AgreementNotYetActive, $"Agreement '{agreement.Id}' starts on {terms.StartDate:yyyy-MM-dd}.");
            case AgreementStatus.Expired:
                return PolicyDecision.Deny(DenyReason.AgreementExpired, $"Agreement '{agreement.Id}' expired on {terms.EndDate:yyyy-MM-dd}.");
            case AgreementStatus.Suspended:
                return PolicyDecision.Deny(DenyReason.AgreementSuspended, $"Agreement '{agreement.Id}' is suspended by its provider.");
            case AgreementStatus.Revoked:
                return PolicyDecision.Deny(DenyReason.AgreementRevoked, $"Agreement '{agreement.Id}' was revoked by its provider.");
            default:
                return PolicyDecision.Deny(DenyReason.AgreementNotApproved, $"Agreement '{agreement.Id}' is not approved.");
        }

        if (!string.Equals(request.OrganisationId, terms.ConsumerOrganisationId, StringComparison.Ordinal))
        {
            return PolicyDecision.Deny(DenyReason.NotConsumer, $"Agreement '{agreement.Id}' does not share data with your organisation.");
        }

        if (!string.Equals(request.PurposeCode, terms.PurposeCode, StringComparison.Ordinal))
        {
            return PolicyDecision.Deny(DenyReason.PurposeMismatch, $"Agreement '{agreement.Id}' permits sharing only for purpose '{terms.PurposeCode}'.");
        }

        var dataset = terms.FindDataset(request.DatasetId);
        if (dataset is null)
        {
            return PolicyDecision.Deny(DenyReason.DatasetNotCovered, $"Agreement '{agreement.Id}' does not cover dataset '{request.DatasetId}'.");
        }

        if (terms.DisclosureMode == DisclosureMode.Pseudonymised && agreement.PseudonymKeyId is null)
        {
            return PolicyDecision.Deny(DenyReason.AgreementNotApproved, $"Agreement '{agreement.Id}' has no pseudonymisation key yet.");
        }

        var consentRequired = terms.LawfulBasis == LawfulBasis.Consent || terms.SpecialCategoryCondition == SpecialCategoryCondition.ExplicitConsent;
        if (consentRequired)
        {
            switch (request.Consent)
            {
                case SubjectConsent.Withdrawn:
                    return PolicyDecision.Deny(DenyReason.ConsentWithdrawn, "The person has withdrawn consent to this sharing.");
                case SubjectConsent.NotRecorded:
                    return PolicyDecision.Deny(DenyReason.ConsentNotGiven, "The person has not consented to this sharing.");
                default:
                    break;
            }
        }

        var fields = SelectFields(dataset, request.RequestedFields, out var refused);
        if (fields is null)
        {
            return refused is null
                ? PolicyDecision.Deny(DenyReason.InvalidRequest, "A requested field name is blank.")
                : PolicyDecision.Deny(DenyReason.FieldNotPermitted, $"Agreement '{agreement.Id}' does not share field '{refused}' of dataset '{dataset.DatasetId}'.");
        }

        return PolicyDecision.Permit(new Obligations
        {
            AgreementId = agreement.Id,
            AgreementVersion = agreement.Version,
            Mode = terms.DisclosureMode,
            Fields = fields,
            PseudonymKeyId = terms.DisclosureMode == DisclosureMode.Pseudonymised ? agreement.PseudonymKeyId : null,
            RowFilters = dataset.RowFilters,
            Suppression = terms.DisclosureMode == DisclosureMode.Aggregate ? SuppressionRules.Default : null,
            OnlyConsentingSubjects = consentRequired && request.Consent == SubjectConsent.NotApplicable,
            RetentionDays = terms.RetentionDays,
        });
    }

    // Null when a requested field is not shared (refused names it) or is blank (refused is null).
    private static IReadOnlyList<PermittedField>? SelectFields(AgreementDataset dataset, IReadOnlyList<string> requested, out string? refused)
    {
        refused = null;
        var permitted = dataset.Permitted;
        if (requested.Count == 0)
        {
            return permitted;
        }

        var count = permitted.Count;
        Span<bool> chosen = count <= 256 ? stackalloc bool[count] : new bool[count];
        var distinct = 0;
        for (var i = 0; i < requested.Count; i++)
        {
            var name = requested[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            var index = dataset.IndexOf(name);
            if (index < 0)
            {
                refused = name;
                return null;
            }

            if (!chosen[index])
            {
                chosen[index] = true;
                distinct++;
            }
        }

        if (distinct == count)
        {
            return permitted;
        }

        var result = new PermittedField[distinct];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (chosen[i])
            {
                result[next++] = permitted[i];
            }
        }

        return result;
    }
}
