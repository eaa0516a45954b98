using Concordat.Server.Auth;

namespace Concordat.Server.Staff;

/// <summary>A made-up member of staff the demo provider can sign in as: one per organisation and role.</summary>
/// <param name="Subject">The stable <c>sub</c> the provider issues.</param>
/// <param name="Name">The person's name.</param>
/// <param name="OrganisationId">The organisation they work for.</param>
/// <param name="Roles">Their roles (<see cref="RoleNames"/>).</param>
/// <param name="Job">What they do and where, in words.</param>
internal sealed record DemoStaffMember(string Subject, string Name, string OrganisationId, IReadOnlyList<string> Roles, string Job)
{
    /// <summary>The demo staff, in display order: a data steward and a data protection officer per department, and the hub administrator.</summary>
    public static IReadOnlyList<DemoStaffMember> All { get; } =
    [
        new("dana.whitfield", "Dana Whitfield", "dwp", [RoleNames.Steward], "Data steward, Department for Work and Pensions"),
        new("dev.patel", "Dev Patel", "dwp", [RoleNames.Dpo], "Data protection officer, Department for Work and Pensions"),
        new("hannah.reid", "Hannah Reid", "hmrc", [RoleNames.Steward], "Data steward, HM Revenue and Customs"),
        new("harjit.rao", "Harjit Rao", "hmrc", [RoleNames.Dpo], "Data protection officer, HM Revenue and Customs"),
        new("vera.lloyd", "Vera Lloyd", "dvla", [RoleNames.Steward], "Data steward, Driver and Vehicle Licensing Agency"),
        new("victor.adeyemi", "Victor Adeyemi", "dvla", [RoleNames.Dpo], "Data protection officer, Driver and Vehicle Licensing Agency"),
        new("lucy.evans", "Lucy Evans", "leeds-council", [RoleNames.Steward], "Data steward, Leeds City Council"),
        new("liam.oconnor", "Liam O'Connor", "leeds-council", [RoleNames.Dpo], "Data protection officer, Leeds City Council"),
        new("ada.hughes", "Ada Hughes", "concordat-hub", [RoleNames.Admin], "Administrator of the hub"),
    ];

    /// <summary>The member with subject <paramref name="subject"/>, if any.</summary>
    public static DemoStaffMember? Find(string? subject) => All.FirstOrDefault(m => string.Equals(m.Subject, subject, StringComparison.Ordinal));
}
