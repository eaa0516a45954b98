namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// What one department record says about a person: the truth as the department last heard it, then errors. A null
/// value is a blank field. Reused from record to record by one emitter; not thread safe.
/// </summary>
internal sealed class RecordView
{
    public string RecordId { get; set; } = "";

    public string? Nino { get; set; }

    public string? NhsNumber { get; set; }

    public string Title { get; set; } = "";

    public string GivenName { get; set; } = "";

    public string? MiddleName { get; set; }

    public string FamilyName { get; set; } = "";

    public char Sex { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>The address the department holds (current or, when stale, previous).</summary>
    public SynthAddress Address { get; set; } = null!;

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? Town { get; set; }

    public string? Postcode { get; set; }

    public long? Uprn { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public DateOnly? DateOfDeath { get; set; }

    /// <summary>Fills the view with the truth for <paramref name="person"/> at its current address.</summary>
    public void Load(SyntheticPerson person, string recordId)
    {
        RecordId = recordId;
        Nino = person.Nino;
        NhsNumber = person.NhsNumber;
        Title = person.Title;
        GivenName = person.GivenName;
        MiddleName = person.MiddleName;
        FamilyName = person.FamilyName;
        Sex = person.Sex;
        DateOfBirth = person.DateOfBirth;
        SetAddress(person.CurrentAddress);
        Phone = person.Phone;
        Email = person.Email;
        DateOfDeath = person.DateOfDeath;
    }

    /// <summary>Shows <paramref name="address"/> in every address field.</summary>
    public void SetAddress(SynthAddress address)
    {
        Address = address;
        AddressLine1 = address.Line1;
        AddressLine2 = address.Line2;
        Town = address.Town.Name;
        Postcode = address.Postcode;
        Uprn = address.Uprn;
    }

    /// <summary>Copies every field of <paramref name="other"/>.</summary>
    public void CopyFrom(RecordView other)
    {
        RecordId = other.RecordId;
        Nino = other.Nino;
        NhsNumber = other.NhsNumber;
        Title = other.Title;
        GivenName = other.GivenName;
        MiddleName = other.MiddleName;
        FamilyName = other.FamilyName;
        Sex = other.Sex;
        DateOfBirth = other.DateOfBirth;
        Address = other.Address;
        AddressLine1 = other.AddressLine1;
        AddressLine2 = other.AddressLine2;
        Town = other.Town;
        Postcode = other.Postcode;
        Uprn = other.Uprn;
        Phone = other.Phone;
        Email = other.Email;
        DateOfDeath = other.DateOfDeath;
    }
}
