using System.Globalization;
using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>parseDate</c>: reads a date in one of the given .NET custom formats (invariant culture, tried in order) and
/// writes it as ISO 8601 <c>yyyy-MM-dd</c>. Immutable and thread safe.
/// </summary>
/// <remarks>
/// <para>Without formats, <c>yyyy-MM-dd</c> and <c>d/M/yyyy</c> (which also reads <c>dd/MM/yyyy</c>) are accepted.
/// Surrounding white space is ignored; a time part allowed by a format is dropped. Null, empty and white-space-only
/// values become null (no value); whether a value is required is the schema's concern.</para>
/// <para>Two-digit years (<c>yy</c>): the century is the latest one that does not put the date after today (UTC, from
/// the <see cref="TimeProvider"/>), so on 2025-06-01 <c>01/01/25</c> is 2025-01-01, <c>31/12/25</c> is 1925-12-31 and
/// <c>01/01/30</c> is 1930-01-01. This suits dates of birth; use four-digit years for dates that may lie ahead.</para>
/// </remarks>
public sealed class ParseDateTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "parseDate";

    private const int IsoDateLength = 10;

    private readonly string[] _formats;
    private readonly bool[] _twoDigitYear;
    private readonly TimeProvider _timeProvider;
    private readonly string _noMatch;

    /// <summary>Creates the transform.</summary>
    /// <param name="formats">.NET custom date formats tried in order; null for the defaults.</param>
    /// <param name="timeProvider">The clock that decides the century of two-digit years.</param>
    /// <exception cref="ArgumentException">A format is blank or not a valid .NET date format, or the list is empty.</exception>
    public ParseDateTransform(IReadOnlyList<string>? formats, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        string? problem = DateFormats.Problem(OpName, formats);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(formats));
        }

        _formats = [.. formats ?? DefaultFormats];
        _twoDigitYear = Array.ConvertAll(_formats, DateFormats.HasTwoDigitYear);
        _timeProvider = timeProvider;
        _noMatch = DateFormats.NoMatchReason("a date", _formats);
    }

    /// <summary>The formats used when a mapping gives none: <c>yyyy-MM-dd</c> and <c>d/M/yyyy</c>.</summary>
    public static IReadOnlyList<string> DefaultFormats { get; } = ["yyyy-MM-dd", "d/M/yyyy"];

    /// <summary>The formats tried, in order.</summary>
    public IReadOnlyList<string> Formats => _formats;

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

        ReadOnlySpan<char> text = input.AsSpan().Trim();
        for (int i = 0; i < _formats.Length; i++)
        {
            if (!DateTime.TryParseExact(text, _formats[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime parsed))
            {
                continue;
            }

            var date = DateOnly.FromDateTime(parsed);
            if (_twoDigitYear[i])
            {
                DateOnly today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
                if (!DateFormats.TryResolveCentury(date.Year, date.Month, date.Day, today, out int year))
                {
                    failure = "The two-digit year gives 29 February in a year that is not a leap year.";
                    return false;
                }

                date = new DateOnly(year, date.Month, date.Day);
            }

            Span<char> iso = stackalloc char[IsoDateLength];
            IsoDate.TryFormatDate(date, iso, out int written);
            output = iso[..written].SequenceEqual(input) ? input : new string(iso[..written]);
            return true;
        }

        failure = _noMatch;
        return false;
    }
}
