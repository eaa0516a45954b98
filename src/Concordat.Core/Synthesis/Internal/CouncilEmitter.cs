using System.Text;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The council's residents extract: UTF-8 XML, one <c>Resident</c> element per record keyed by the council's
/// reference and the property's UPRN, for residents of the council's towns (as the council last heard).
/// </summary>
internal sealed class CouncilEmitter : DepartmentEmitter
{
    private static readonly string[] Bands = ["A", "B", "C", "D", "E", "F", "G", "H"];
    private static readonly WeightedTable<string> BandTable = new(Bands, [24, 20, 22, 15, 9, 5, 4, 1]);

    private string _band = "";
    private bool _electoralRoll;

    /// <summary>Creates the emitter for a chunk.</summary>
    public CouncilEmitter(SynthPlan plan)
        : base(plan, SynthDepartment.Council, new ErrorProfile(
            RecordFields.DateOfBirth | RecordFields.Postcode | RecordFields.Phone | RecordFields.Email | RecordFields.MiddleName,
            RecordFields.Postcode))
    {
    }

    /// <inheritdoc />
    protected override string RecordPrefix => "RES";

    /// <summary>The XML declaration and the opening root element.</summary>
    public static byte[] Prologue(SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ByteBuffer(512);
        buffer.WriteAscii("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Residents council=\"");
        XmlText.Escaped(buffer, string.Join(", ", options.CouncilTowns));
        buffer.WriteAscii("\" extractDate=\"");
        Span<char> date = stackalloc char[10];
        buffer.WriteAscii(date[..DateText.Iso(options.AsOf, date)]);
        buffer.WriteAscii("\">\n");
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The closing root element.</summary>
    public static byte[] Epilogue() => Encoding.ASCII.GetBytes("</Residents>\n");

    /// <inheritdoc />
    protected override bool Includes(SyntheticPerson person, ref SynthRandom random)
    {
        // A death the council was told of takes the resident off its records.
        var deathReported = person.DateOfDeath is not null && random.Chance(0.8);
        return person.Age >= 16 && random.Chance(0.95) && !deathReported;
    }

    /// <inheritdoc />
    protected override bool Accepts(RecordView view) => Plan.IsCouncilTown(view.Address.TownIndex);

    /// <inheritdoc />
    protected override void Prepare(SyntheticPerson person, RecordView view, ref SynthRandom random)
    {
        _band = BandTable.Pick(ref random);
        _electoralRoll = person.Age >= 18 && random.Chance(0.85);
        if (!random.Chance(0.5))
        {
            view.Phone = null;
        }

        if (!random.Chance(0.6))
        {
            view.Email = null;
        }
    }

    /// <inheritdoc />
    protected override void Write(RecordView view, ByteBuffer buffer)
    {
        Span<char> date = stackalloc char[10];
        buffer.WriteAscii("  <Resident id=\"");
        buffer.WriteAscii(view.RecordId);
        buffer.WriteAscii("\" uprn=\"");
        buffer.WriteNumber(view.Uprn ?? 0);
        buffer.WriteAscii("\">\n    <Name>");
        XmlText.Element(buffer, "Title", view.Title);
        XmlText.Element(buffer, "Given", view.GivenName);
        XmlText.Element(buffer, "Middle", view.MiddleName);
        XmlText.Element(buffer, "Family", view.FamilyName);
        buffer.WriteAscii("</Name>\n    ");
        XmlText.Element(buffer, "DateOfBirth", view.DateOfBirth is { } dob ? date[..DateText.Iso(dob, date)] : default);
        buffer.WriteAscii("\n    <Address>");
        XmlText.Element(buffer, "Line1", view.AddressLine1);
        XmlText.Element(buffer, "Line2", view.AddressLine2);
        XmlText.Element(buffer, "Town", view.Town);
        XmlText.Element(buffer, "Postcode", view.Postcode);
        buffer.WriteAscii("</Address>\n    <Contact>");
        XmlText.Element(buffer, "Phone", view.Phone);
        XmlText.Element(buffer, "Email", view.Email);
        buffer.WriteAscii("</Contact>\n    ");
        XmlText.Element(buffer, "CouncilTaxBand", _band);
        buffer.WriteAscii("\n    ");
        XmlText.Element(buffer, "ElectoralRoll", _electoralRoll ? "true" : "false");
        buffer.WriteAscii("\n  </Resident>\n");
    }
}
