using System.Text.Encodings.Web;
using System.Text.Json;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The benefits extract: one JSON object per line (UTF-8), camelCase fields, a nested address, ISO dates, and an NHS
/// number mostly for health-related benefits.
/// </summary>
internal sealed class DwpEmitter : DepartmentEmitter, IDisposable
{
    // Names with apostrophes and accents stay readable (O'Brien, not O\u0027Brien); the file is data, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly JsonEncodedText ClaimantId = JsonEncodedText.Encode("claimantId");
    private static readonly JsonEncodedText NinoName = JsonEncodedText.Encode("nino");
    private static readonly JsonEncodedText NhsNumberName = JsonEncodedText.Encode("nhsNumber");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("firstName");
    private static readonly JsonEncodedText MiddleNames = JsonEncodedText.Encode("middleNames");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("lastName");
    private static readonly JsonEncodedText SexName = JsonEncodedText.Encode("sex");
    private static readonly JsonEncodedText DateOfBirthName = JsonEncodedText.Encode("dateOfBirth");
    private static readonly JsonEncodedText AddressName = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText Line1 = JsonEncodedText.Encode("line1");
    private static readonly JsonEncodedText Line2 = JsonEncodedText.Encode("line2");
    private static readonly JsonEncodedText TownName = JsonEncodedText.Encode("town");
    private static readonly JsonEncodedText PostcodeName = JsonEncodedText.Encode("postcode");
    private static readonly JsonEncodedText UprnName = JsonEncodedText.Encode("uprn");
    private static readonly JsonEncodedText PhoneName = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText EmailName = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText BenefitType = JsonEncodedText.Encode("benefitType");
    private static readonly JsonEncodedText AwardAmount = JsonEncodedText.Encode("awardAmount");
    private static readonly JsonEncodedText AwardFrequency = JsonEncodedText.Encode("awardFrequency");
    private static readonly JsonEncodedText AwardStartDate = JsonEncodedText.Encode("awardStartDate");
    private static readonly JsonEncodedText ClaimStatus = JsonEncodedText.Encode("claimStatus");
    private static readonly JsonEncodedText DateOfDeathName = JsonEncodedText.Encode("dateOfDeath");

    private readonly Utf8JsonWriter _json = new(new ByteBuffer(1), WriterOptions);
    private Benefit _benefit = null!;
    private decimal _award;
    private DateOnly _awardStart;
    private bool _ceased;
    private bool _holdsNhsNumber;
    private bool _holdsUprn;
    private bool _holdsPhone;
    private bool _holdsEmail;
    private bool _postcodeWithoutSpace;

    /// <summary>Creates the emitter for a chunk.</summary>
    public DwpEmitter(SynthPlan plan)
        : base(plan, SynthDepartment.Dwp, new ErrorProfile(
            RecordFields.Nino | RecordFields.NhsNumber | RecordFields.Postcode | RecordFields.Phone | RecordFields.Email | RecordFields.AddressLine1,
            RecordFields.Nino | RecordFields.NhsNumber | RecordFields.Postcode))
    {
    }

    /// <inheritdoc />
    protected override string RecordPrefix => "CLM";

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    /// <inheritdoc />
    protected override bool Includes(SyntheticPerson person, ref SynthRandom random)
    {
        var claims = person.Age switch
        {
            < 16 => 0.0,
            < 66 => 0.16,
            _ => 0.95,
        };
        return random.Chance(claims);
    }

    /// <inheritdoc />
    protected override void Prepare(SyntheticPerson person, RecordView view, ref SynthRandom random)
    {
        _benefit = person.Age >= 66 ? Benefit.Pension.Pick(ref random) : Benefit.WorkingAge.Pick(ref random);
        var pence = _benefit.MinPence + random.Next(_benefit.MaxPence - _benefit.MinPence + 1);
        _award = new decimal(pence, 0, 0, false, 2);
        var eligibleFrom = person.DateOfBirth.AddYears(person.Age >= 66 ? 66 : 16);
        var end = person.DateOfDeath ?? Plan.AsOf;
        var span = Math.Max(1, Math.Min(end.DayNumber - eligibleFrom.DayNumber, 20 * 365));
        _awardStart = end.AddDays(-random.Next(span));
        _ceased = person.DateOfDeath is not null && random.Chance(0.97);
        _holdsNhsNumber = random.Chance(_benefit.HealthRelated ? 0.85 : 0.15);
        _holdsUprn = random.Chance(0.5);
        _holdsPhone = random.Chance(0.7);
        _holdsEmail = random.Chance(0.5);
        _postcodeWithoutSpace = random.Chance(0.08);
        if (!_holdsNhsNumber)
        {
            view.NhsNumber = null;
        }

        if (!_holdsPhone)
        {
            view.Phone = null;
        }

        if (!_holdsEmail)
        {
            view.Email = null;
        }
    }

    /// <inheritdoc />
    protected override void Write(RecordView view, ByteBuffer buffer)
    {
        Span<char> date = stackalloc char[10];
        var json = _json;
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString(ClaimantId, view.RecordId);
        json.WriteString(NinoName, view.Nino);
        if (_holdsNhsNumber)
        {
            json.WriteString(NhsNumberName, view.NhsNumber);
        }

        json.WriteString(TitleName, view.Title);
        json.WriteString(FirstName, view.GivenName);
        json.WriteString(MiddleNames, view.MiddleName);
        json.WriteString(LastName, view.FamilyName);
        json.WriteString(SexName, view.Sex == 'F' ? "F" : "M");
        WriteDate(json, DateOfBirthName, view.DateOfBirth, date);
        json.WriteStartObject(AddressName);
        json.WriteString(Line1, view.AddressLine1);
        json.WriteString(Line2, string.IsNullOrEmpty(view.AddressLine2) ? null : view.AddressLine2);
        json.WriteString(TownName, view.Town);
        if (_postcodeWithoutSpace && view.Postcode is { } postcode)
        {
            // Clerks often omit the space; ingest normalises it, so this is variation, not an error.
            Span<char> compact = stackalloc char[postcode.Length];
            var n = 0;
            foreach (var c in postcode)
            {
                if (c != ' ')
                {
                    compact[n++] = c;
                }
            }

            json.WriteString(PostcodeName, compact[..n]);
        }
        else
        {
            json.WriteString(PostcodeName, view.Postcode);
        }

        if (_holdsUprn && view.Uprn is { } uprn)
        {
            json.WriteNumber(UprnName, uprn);
        }

        json.WriteEndObject();
        json.WriteString(PhoneName, view.Phone);
        json.WriteString(EmailName, view.Email);
        json.WriteString(BenefitType, _benefit.Type);
        json.WriteNumber(AwardAmount, _award);
        json.WriteString(AwardFrequency, _benefit.Frequency);
        WriteDate(json, AwardStartDate, _awardStart, date);
        json.WriteString(ClaimStatus, _ceased ? "ceased" : "live");
        WriteDate(json, DateOfDeathName, _ceased ? view.DateOfDeath : null, date);
        json.WriteEndObject();
        json.Flush();
        buffer.Write((byte)'\n');
    }

    private static void WriteDate(Utf8JsonWriter json, JsonEncodedText name, DateOnly? value, Span<char> scratch)
    {
        if (value is { } d)
        {
            json.WriteString(name, scratch[..DateText.Iso(d, scratch)]);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
