using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Concordat.Server.Api;

/// <summary>Strong entity tags made from version numbers, and the precondition header checks that use them (RFC 9110 section 13).</summary>
internal static class EntityTags
{
    /// <summary>The tag of a version, e.g. <c>"3"</c>.</summary>
    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Whether an <c>If-Match</c> header matches the current version: <c>*</c> or a list holding the strong tag.
    /// Weak tags never match (strong comparison).
    /// </summary>
    public static bool Matches(StringValues header, int currentVersion)
    {
        var current = Of(currentVersion);
        foreach (var value in header)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "*" || string.Equals(part, current, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether an <c>If-None-Match</c> header names the current version (weak comparison).</summary>
    public static bool NoneMatchHits(StringValues header, int currentVersion)
    {
        var current = Of(currentVersion);
        foreach (var value in header)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (tag == "*" || string.Equals(tag, current, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
