namespace Concordat.Core.Governance;

/// <summary>
/// A person's consent to sharing under one agreement. Consent given again after a withdrawal is a new record, so the
/// history shows every change; the latest record is the person's current state.
/// </summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="SubjectId">The person, as the provider identifies them (e.g. a NINO).</param>
/// <param name="GivenAt">When consent was given (UTC).</param>
/// <param name="WithdrawnAt">When it was withdrawn; null while it stands.</param>
/// <param name="RecordedBy">The client that recorded the consent.</param>
public sealed record ConsentRecord(string AgreementId, string SubjectId, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, string RecordedBy)
{
    /// <summary>The consent state at <paramref name="now"/>: withdrawal applies from the instant it is recorded.</summary>
    public SubjectConsent StateAt(DateTimeOffset now) =>
        GivenAt > now ? SubjectConsent.NotRecorded
        : WithdrawnAt is { } withdrawn && withdrawn <= now ? SubjectConsent.Withdrawn
        : SubjectConsent.Given;
}
