namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The truth about one synthetic person: identity, life events and address history. Departments hold views of it,
/// some stale and some with errors. Built by <see cref="SyntheticPopulation"/>; not thread safe, not shared.
/// </summary>
internal sealed class SyntheticPerson
{
    /// <summary>Maximum addresses in a history (the first plus up to three moves).</summary>
    public const int MaxAddresses = 4;

    private readonly SynthAddress[] _addresses = new SynthAddress[MaxAddresses];

    /// <summary>0-based index in the population; the person id is derived from it.</summary>
    public int Index { get; init; }

    /// <summary>'F' or 'M'.</summary>
    public char Sex { get; set; }

    /// <summary>Title (Mr, Mrs, Miss, Ms, Dr).</summary>
    public string Title { get; set; } = "";

    /// <summary>First given name.</summary>
    public string GivenName { get; set; } = "";

    /// <summary>Second given name, if any.</summary>
    public string? MiddleName { get; set; }

    /// <summary>Family name at birth.</summary>
    public string BirthFamilyName { get; set; } = "";

    /// <summary>Current family name (after any change on marriage).</summary>
    public string FamilyName { get; set; } = "";

    /// <summary>When the family name changed on marriage; null when it never changed.</summary>
    public DateOnly? NameChanged { get; set; }

    /// <summary>Date of birth.</summary>
    public DateOnly DateOfBirth { get; set; }

    /// <summary>Date of death; null for the living.</summary>
    public DateOnly? DateOfDeath { get; set; }

    /// <summary>Age in whole years at the extract date or at death.</summary>
    public int Age { get; set; }

    /// <summary>National Insurance number, for people who reached 16; null otherwise.</summary>
    public string? Nino { get; set; }

    /// <summary>NHS number (ten digits, valid check digit).</summary>
    public string NhsNumber { get; set; } = "";

    /// <summary>Mobile or landline number from Ofcom drama ranges; not unique, never an identifier.</summary>
    public string? Phone { get; set; }

    /// <summary>E-mail address at a reserved example domain.</summary>
    public string? Email { get; set; }

    /// <summary>Addresses in the order lived in; the last is current.</summary>
    public ReadOnlySpan<SynthAddress> Addresses => _addresses.AsSpan(0, AddressCount);

    /// <summary>Number of addresses in the history, at least one.</summary>
    public int AddressCount { get; private set; }

    /// <summary>The current address (at the extract date or at death).</summary>
    public SynthAddress CurrentAddress => _addresses[AddressCount - 1];

    /// <summary>The address before the latest move, or null when the person never moved.</summary>
    public SynthAddress? PreviousAddress => AddressCount > 1 ? _addresses[AddressCount - 2] : null;

    /// <summary>The person id used in the truth file: <c>P</c> and eight digits.</summary>
    public string PersonId => FormatPersonId(Index);

    /// <summary>Formats a person id.</summary>
    public static string FormatPersonId(int index) =>
        string.Create(9, index + 1, static (span, n) =>
        {
            span[0] = 'P';
            n.TryFormat(span[1..], out _, "D8", System.Globalization.CultureInfo.InvariantCulture);
        });

    /// <summary>Appends an address to the history.</summary>
    public void AddAddress(SynthAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _addresses[AddressCount++] = address;
    }
}
