namespace Concordat.Server.Portal.Layout;

/// <summary>The portal's service navigation, in display order.</summary>
internal static class PortalNavigation
{
    /// <summary>One navigation link.</summary>
    internal sealed record Item(string Key, string Text, string Href);

    /// <summary>The navigation items; pages name theirs by <see cref="Item.Key"/>.</summary>
    public static IReadOnlyList<Item> Items { get; } =
    [
        new("catalogue", "Data catalogue", "/catalogue"),
        new("register", "Register of agreements", "/register"),
        new("my-data", "Your data", "/my-data"),
    ];

}
