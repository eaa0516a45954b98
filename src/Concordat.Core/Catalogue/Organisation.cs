namespace Concordat.Core.Catalogue;

/// <summary>A department or public body: owns datasets and holds API clients.</summary>
/// <param name="Id">Stable slug, lower-case letters, digits and hyphens, e.g. <c>hmrc</c>.</param>
/// <param name="Name">Display name, e.g. <c>HM Revenue and Customs</c>.</param>
/// <param name="CreatedAt">When the organisation was registered (UTC).</param>
public sealed record Organisation(string Id, string Name, DateTimeOffset CreatedAt)
{
    /// <summary>Public web address, if any.</summary>
    public Uri? Homepage { get; init; }

    /// <summary>Contact e-mail for data sharing questions.</summary>
    public string? ContactEmail { get; init; }
}
