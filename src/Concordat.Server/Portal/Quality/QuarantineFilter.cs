using Concordat.Core.Ingestion;

namespace Concordat.Server.Portal.Quality;

/// <summary>
/// What a steward is looking for in a run's quarantine: rows with a reason about a field, and rows whose reasons
/// contain some words (both case-insensitive). Empty parts match every row.
/// </summary>
/// <param name="Field">A source column or schema field named in a reason, or null.</param>
/// <param name="Text">Words a reason contains, or null.</param>
public sealed record QuarantineFilter(string? Field, string? Text)
{
    /// <summary>True when the filter keeps every row.</summary>
    public bool IsEmpty => Field is null && Text is null;

    /// <summary>Whether <paramref name="row"/> is one the steward is looking for.</summary>
    public bool Matches(QuarantinedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // Ingestion writes each reason as "field: what is wrong".
        return (Field is null || row.Reasons.Any(r => r.StartsWith(Field + ":", StringComparison.OrdinalIgnoreCase)))
            && (Text is null || row.Reasons.Any(r => r.Contains(Text, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The filter from query values: trimmed, empty as null, at most 200 characters each.</summary>
    public static QuarantineFilter From(string? field, string? text) => new(Clean(field), Clean(text));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim() is { Length: <= 200 } trimmed ? trimmed : value.Trim()[..200];
}
