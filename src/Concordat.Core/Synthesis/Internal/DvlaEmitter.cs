using Concordat.Core.Ingestion;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The driving licence extract: fixed-length EBCDIC (code page 037) records with no line breaks, names in capitals
/// and cut to their field, dates as yyyyMMdd, and mainframe numeric fields.
/// </summary>
internal sealed class DvlaEmitter : DepartmentEmitter
{
    private readonly SingleByteCodec _codec = SingleByteCodec.Ebcdic037;
    private string _driverNumber = "";
    private char _licenceType;
    private int _issueNumber;
    private int _points;
    private int _feePence;
    private DateOnly _issued;

    /// <summary>Creates the emitter for a chunk.</summary>
    public DvlaEmitter(SynthPlan plan)
        : base(plan, SynthDepartment.Dvla, new ErrorProfile(
            RecordFields.Postcode | RecordFields.AddressLine1 | RecordFields.MiddleName,
            RecordFields.Postcode))
    {
    }

    /// <inheritdoc />
    protected override string RecordPrefix => "1";

    /// <inheritdoc />
    protected override bool Includes(SyntheticPerson person, ref SynthRandom random)
    {
        var licensed = person.Age switch
        {
            < 17 => 0.0,
            < 21 => 0.45,
            < 70 => 0.78,
            < 85 => 0.6,
            _ => 0.3,
        };

        // DVLA hears of a death from the family, not always: a dead driver it was told about leaves the extract.
        var deathReported = person.DateOfDeath is not null && random.Chance(0.6);
        return random.Chance(licensed) && !deathReported;
    }

    /// <inheritdoc />
    protected override void Prepare(SyntheticPerson person, RecordView view, ref SynthRandom random)
    {
        _licenceType = person.Age < 19 ? (random.Chance(0.5) ? 'P' : 'F') : (random.Chance(0.04) ? 'P' : 'F');
        _issueNumber = 1 + random.Next(Math.Clamp(person.Age / 8, 1, 12));
        var u = random.NextDouble();
        _points = u < 0.86 ? 0 : u < 0.95 ? 3 : u < 0.99 ? 6 : 9;
        _feePence = _licenceType == 'P' ? 3_400 : random.Next(4) switch
        {
            0 => 0,
            1 => 1_400,
            2 => 4_300,
            _ => 3_400,
        };
        var earliest = Math.Max(person.DateOfBirth.AddYears(17).DayNumber, Plan.AsOf.AddYears(-10).DayNumber);
        _issued = DateOnly.FromDayNumber(earliest + random.Next(Math.Max(1, Plan.AsOf.DayNumber - earliest)));
        _driverNumber = DriverNumber(view.FamilyName, view.GivenName, view.MiddleName, person.DateOfBirth, person.Sex, ref random);
    }

    /// <summary>
    /// A GB driver number: five letters of the surname (9-padded, Mac read as Mc), the decade digit, the month of
    /// birth (plus 50 for women), the day, the year digit, two initials (9-padded), a 9 and two check letters.
    /// </summary>
    public static string DriverNumber(string familyName, string givenName, string? middleName, DateOnly dateOfBirth, char sex, ref SynthRandom random)
    {
        Span<char> number = stackalloc char[16];
        Span<char> letters = stackalloc char[32];
        var n = TextFold.UpperLetters(familyName, letters);
        var surname = letters[..n];
        if (surname.StartsWith("MAC"))
        {
            surname = surname[1..];
            surname[0] = 'M';
        }

        for (var i = 0; i < 5; i++)
        {
            number[i] = i < surname.Length ? surname[i] : '9';
        }

        number[5] = (char)('0' + (dateOfBirth.Year / 10 % 10));
        var month = dateOfBirth.Month + (sex == 'F' ? 50 : 0);
        number[6] = (char)('0' + (month / 10));
        number[7] = (char)('0' + (month % 10));
        number[8] = (char)('0' + (dateOfBirth.Day / 10));
        number[9] = (char)('0' + (dateOfBirth.Day % 10));
        number[10] = (char)('0' + (dateOfBirth.Year % 10));
        Span<char> initial = stackalloc char[4];
        number[11] = TextFold.UpperLetters(givenName, initial) > 0 ? initial[0] : '9';
        number[12] = middleName is not null && TextFold.UpperLetters(middleName, initial) > 0 ? initial[0] : '9';
        number[13] = '9';
        number[14] = (char)('A' + random.Next(26));
        number[15] = (char)('A' + random.Next(26));
        return new string(number);
    }

    /// <inheritdoc />
    protected override void Write(RecordView view, ByteBuffer buffer)
    {
        var record = buffer.GetSpan(DvlaLayout.RecordLength)[..DvlaLayout.RecordLength];
        record.Fill(_codec.Space);
        Span<char> scratch = stackalloc char[72];
        Text(record, DvlaLayout.RecordNumber, view.RecordId);
        Text(record, DvlaLayout.DriverNumber, _driverNumber);
        Text(record, DvlaLayout.Surname, view.FamilyName);
        var length = Math.Min(scratch.Length, view.GivenName.Length);
        view.GivenName.AsSpan(0, length).CopyTo(scratch);
        if (view.MiddleName is { } middle && length + 1 < scratch.Length)
        {
            scratch[length++] = ' ';
            var take = Math.Min(middle.Length, scratch.Length - length);
            middle.AsSpan(0, take).CopyTo(scratch[length..]);
            length += take;
        }

        Text(record, DvlaLayout.Forenames, scratch[..length]);
        if (view.DateOfBirth is { } dob)
        {
            Span<char> date = stackalloc char[8];
            Text(record, DvlaLayout.DateOfBirth, date[..DateText.Compact(dob, date)]);
        }

        Text(record, DvlaLayout.Sex, view.Sex == 'F' ? "F" : "M");
        Text(record, DvlaLayout.Address1, view.AddressLine1);
        Text(record, DvlaLayout.Address2, view.AddressLine2);
        Text(record, DvlaLayout.Town, view.Town);
        Text(record, DvlaLayout.Postcode, view.Postcode);
        Text(record, DvlaLayout.LicenceType, _licenceType == 'P' ? "P" : "F");
        Ebcdic.WriteZoned(Slice(record, DvlaLayout.IssueNumber), _issueNumber);
        Ebcdic.WritePacked(Slice(record, DvlaLayout.PenaltyPoints), _points);
        Ebcdic.WritePacked(Slice(record, DvlaLayout.FeePaid), _feePence);
        Span<char> issued = stackalloc char[8];
        Text(record, DvlaLayout.IssueDate, issued[..DateText.Compact(_issued, issued)]);
        buffer.Advance(DvlaLayout.RecordLength);
    }

    private static Span<byte> Slice(Span<byte> record, FixedWidthField field) => record.Slice(field.Start - 1, field.Length);

    private void Text(Span<byte> record, FixedWidthField field, ReadOnlySpan<char> value)
    {
        // Longer values are cut to the field, as the mainframe did.
        var cut = value.Length > field.Length ? value[..field.Length] : value;
        _codec.Encode(cut, Slice(record, field), upper: true);
    }
}
