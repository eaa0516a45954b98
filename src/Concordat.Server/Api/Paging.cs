using Concordat.Core;

namespace Concordat.Server.Api;

/// <summary>Page size rules shared by list endpoints.</summary>
internal static class Paging
{
    /// <summary>Largest page any list endpoint returns; larger requests are capped, not refused.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The page size to use, or a validation error for a non-positive one.</summary>
    public static Result<int> Limit(int? requested, int defaultLimit)
    {
        if (requested is null)
        {
            return defaultLimit;
        }

        return requested < 1
            ? Error.Validation("request.invalid_limit", "limit must be at least 1.", "limit")
            : Math.Min(requested.Value, MaxLimit);
    }
}
