namespace Concordat.Server.Api.Agreements;

/// <summary>Body of the consent endpoints.</summary>
/// <param name="SubjectId">The person, as the provider identifies them (e.g. a NINO).</param>
public sealed record ConsentRequest(string? SubjectId);
