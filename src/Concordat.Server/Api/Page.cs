namespace Concordat.Server.Api;

/// <summary>One page of a list; pass <see cref="Next"/> as <c>after</c> to get the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in the list's order.</param>
/// <param name="Next">The cursor of the next page, or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
