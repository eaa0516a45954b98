namespace Concordat.Server.Api.Organisations;

/// <summary>Registers an organisation.</summary>
/// <param name="Id">Slug id, e.g. <c>hmrc</c>.</param>
/// <param name="Name">Display name, e.g. <c>HM Revenue and Customs</c>.</param>
/// <param name="Homepage">Public web address (absolute http or https), if any.</param>
/// <param name="ContactEmail">Contact e-mail for data sharing questions, if any.</param>
public sealed record CreateOrganisationRequest(string Id, string Name, Uri? Homepage, string? ContactEmail);
