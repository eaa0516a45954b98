using System.Globalization;
using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>parseDateTime</c>: reads a date and time and writes the instant as ISO 8601 UTC,
/// <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c>. Immutable and thread safe.
/// </summary>
/// <remarks>
/// <para>Without formats, only strict ISO 8601 with an offset (<c>Z</c> or <c>+01:00</c>) is accepted; see
/// <see cref="IsoDate.TryParseDateTime"/>. With formats (.NET custom formats, invariant culture, tried in order), a
/// format without an offset specifier (<c>zzz</c>) is read as UTC: give the offset in the format when the source
/// writes UK local time. Surrounding white space is ignored. Null, empty and white-space-only values become null.</para>
/// <para>Two-digit years follow the same rule as <see cref="ParseDateTransform"/>: the latest century that does not
/// put the date after today.</para>
/// </remarks>
public sealed class ParseDateTimeTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "parseDateTime";

    // 2024-06-01T12:00:00.1234567Z
    private const int MaxIsoLength = 28;

    private readonly string[]? _formats;
    private readonly bool[] _twoDigitYear;
    private readonly TimeProvider _timeProvider;
    private readonly string _noMatch;

    /// <summary>Creates the transform.</summary>
    /// <param name="formats">.NET custom date and time formats tried in order; null for strict ISO 8601 with an offset.</param>
    /// <param name="timeProvider">The clock that decides the century of two-digit years.</param>
    /// <exception cref="ArgumentException">A format is blank or not a valid .NET date format, or the list is empty.</exception>
    public ParseDateTimeTransform(IReadOnlyList<string>? formats, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        string? problem = DateFormats.Problem(OpName, formats);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(formats));
        }

        _formats = formats is null ? null : [.. formats];
        _twoDigitYear = _formats is null ? [] : Array.ConvertAll(_formats, DateFormats.HasTwoDigitYear);
        _timeProvider = timeProvider;
        _noMatch = _formats is null
            ? "The value is not an ISO 8601 date and time with an offset, e.g. 2024-06-01T12:00:00Z."
            : DateFormats.NoMatchReason("a date and time", _formats);
    }

    /// <summary>The formats tried, in order; empty when strict ISO 8601 is expected.</summary>
    public IReadOnlyList<string> Formats => _formats ?? [];

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = null;
        failure = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (!TryParse(input, out DateTimeOffset instant, out failure))
        {
            failure ??= _noMatch;
            return false;
        }

        Span<char> iso = stackalloc char[MaxIsoLength];
        IsoDate.TryFormatDateTime(instant, iso, out int written);
        output = iso[..written].SequenceEqual(input) ? input : new string(iso[..written]);
        return true;
    }

    private bool TryParse(string input, out DateTimeOffset instant, out string? failure)
    {
        failure = null;
        if (_formats is null)
        {
            return IsoDate.TryParseDateTime(input.Trim(), out instant);
        }

        ReadOnlySpan<char> text = input.AsSpan().Trim();
        for (int i = 0; i < _formats.Length; i++)
        {
            if (!DateTimeOffset.TryParseExact(text, _formats[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
            {
                continue;
            }

            if (_twoDigitYear[i])
            {
                DateOnly today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
                if (!DateFormats.TryResolveCentury(instant.Year, instant.Month, instant.Day, today, out int year))
                {
                    failure = "The two-digit year gives 29 February in a year that is not a leap year.";
                    return false;
                }

                instant = instant.AddYears(year - instant.Year);
            }

            return true;
        }

        instant = default;
        return false;
    }
}
