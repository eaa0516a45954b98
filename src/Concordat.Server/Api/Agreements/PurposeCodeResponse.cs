namespace Concordat.Server.Api.Agreements;

/// <summary>One purpose code and what it covers.</summary>
/// <param name="Code">The code, e.g. <c>benefit-eligibility</c>.</param>
/// <param name="Description">What it covers.</param>
public sealed record PurposeCodeResponse(string Code, string Description);
