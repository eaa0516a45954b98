namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The tax office's extract: adults with income, one CSV row each, windows-1252, CRLF line ends, surnames in capitals
/// as the legacy system keeps them, dates as dd/MM/yyyy.
/// </summary>
internal sealed class HmrcEmitter : DepartmentEmitter
{
    /// <summary>The header row.</summary>
    public const string Header = "TAXPAYER_REF,NINO,SURNAME,FORENAMES,DOB,SEX,ADDR1,ADDR2,TOWN,POSTCODE,EMPLOYER_REF,EMPLOYER_NAME,TAX_CODE,DOD";

    private static readonly string[] TaxCodes = ["1257L", "1257L", "1257L", "1257L", "1257L", "1185L", "BR", "D0", "K475", "0T", "1257L M1", "NT"];
    private static readonly string[][] TaxCodesByNation =
    [
        TaxCodes,
        [.. TaxCodes.Select(c => c == "NT" ? c : "C" + c)],
        [.. TaxCodes.Select(c => c == "NT" ? c : "S" + c)],
        TaxCodes,
    ];

    private readonly SingleByteCodec _codec = SingleByteCodec.Windows1252;
    private (string Name, string PayeReference) _employer;
    private string _taxCode = "";
    private bool _deathKnown;

    /// <summary>Creates the emitter for a chunk.</summary>
    public HmrcEmitter(SynthPlan plan)
        : base(plan, SynthDepartment.Hmrc, new ErrorProfile(
            RecordFields.Nino | RecordFields.Postcode | RecordFields.DateOfBirth | RecordFields.AddressLine1 | RecordFields.MiddleName,
            RecordFields.Nino | RecordFields.Postcode))
    {
    }

    /// <inheritdoc />
    protected override string RecordPrefix => "TP";

    /// <summary>The header row and its line end, encoded.</summary>
    public static byte[] Prologue() => SingleByteCodec.Windows1252.Encoding.GetBytes(Header + "\r\n");

    /// <inheritdoc />
    protected override bool Includes(SyntheticPerson person, ref SynthRandom random)
    {
        var withIncome = person.Age switch
        {
            < 16 => 0.0,
            < 18 => 0.25,
            < 22 => 0.7,
            < 67 => 0.88,
            < 75 => 0.6,
            _ => 0.45,
        };
        return random.Chance(withIncome) && person.Nino is not null;
    }

    /// <inheritdoc />
    protected override void Prepare(SyntheticPerson person, RecordView view, ref SynthRandom random)
    {
        var payers = person.Age >= 66 ? Employers.PensionPayers : Employers.Employing;
        _employer = payers[random.Next(payers.Count)];
        var codes = TaxCodesByNation[(int)view.Address.Town.Nation];
        _taxCode = codes[random.Next(codes.Length)];
        _deathKnown = random.Chance(0.9);
    }

    /// <inheritdoc />
    protected override void Write(RecordView view, ByteBuffer buffer)
    {
        Span<char> date = stackalloc char[10];
        const byte comma = (byte)',';
        buffer.WriteAscii(view.RecordId);
        buffer.Write(comma);
        buffer.WriteAscii(view.Nino);
        buffer.Write(comma);
        CsvText.Field(buffer, view.FamilyName, _codec, upper: true);
        buffer.Write(comma);
        if (view.MiddleName is null)
        {
            CsvText.Field(buffer, view.GivenName, _codec);
        }
        else
        {
            CsvText.Field(buffer, view.GivenName, _codec);
            buffer.Write((byte)' ');
            CsvText.Field(buffer, view.MiddleName, _codec);
        }

        buffer.Write(comma);
        if (view.DateOfBirth is { } dob)
        {
            buffer.WriteAscii(date[..DateText.DayMonthYear(dob, date)]);
        }

        buffer.Write(comma);
        buffer.Write((byte)view.Sex);
        buffer.Write(comma);
        CsvText.Field(buffer, view.AddressLine1, _codec);
        buffer.Write(comma);
        CsvText.Field(buffer, view.AddressLine2, _codec);
        buffer.Write(comma);
        CsvText.Field(buffer, view.Town, _codec, upper: true);
        buffer.Write(comma);
        buffer.WriteAscii(view.Postcode);
        buffer.Write(comma);
        buffer.WriteAscii(_employer.PayeReference);
        buffer.Write(comma);
        CsvText.Field(buffer, _employer.Name, _codec);
        buffer.Write(comma);
        buffer.WriteAscii(_taxCode);
        buffer.Write(comma);
        if (_deathKnown && view.DateOfDeath is { } dod)
        {
            buffer.WriteAscii(date[..DateText.DayMonthYear(dod, date)]);
        }

        buffer.Write((byte)'\r');
        buffer.Write((byte)'\n');
    }
}
