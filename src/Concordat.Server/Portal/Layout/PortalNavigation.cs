using Concordat.Server.Auth;

namespace Concordat.Server.Portal.Layout;

/// <summary>The portal's service navigation, in display order.</summary>
public static class PortalNavigation
{
    /// <summary>One navigation link.</summary>
    public sealed record Item(string Key, string Text, string Href);

    /// <summary>The public navigation items; pages name theirs by <see cref="Item.Key"/>.</summary>
    public static IReadOnlyList<Item> Items { get; } =
    [
        new("catalogue", "Data catalogue", "/catalogue"),
        new("register", "Register of agreements", "/register"),
        new("my-data", "Your data", "/my-data"),
    ];

    /// <summary>No navigation (the demo sign-in page of the staff portal).</summary>
    public static IReadOnlyList<Item> None { get; } = [];

    /// <summary>
    /// The staff navigation for a signed-in member: only the sections their roles may open (the same rules the pages
    /// apply, so a link never leads to "You do not have access").
    /// </summary>
    public static IReadOnlyList<Item> Staff(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var items = new List<Item> { new("agreements", "Agreements", "/staff/agreements") };
        if (Portal.StaffAccess.MayReviewLinkage(caller))
        {
            items.Add(new("reviews", "Linkage review", "/staff/reviews"));
        }

        if (Portal.StaffAccess.MayManageData(caller))
        {
            items.Add(new("datasets", "Datasets", "/staff/datasets"));
        }

        if (Portal.StaffAccess.MayReadAudit(caller))
        {
            items.Add(new("audit", "Audit", "/staff/audit"));
        }

        items.Add(new("impact", "Impact", "/staff/impact"));
        return items;
    }
}
