namespace Concordat.Core.Synthesis.Internal;

/// <summary>Fields of a <see cref="RecordView"/> that a department may leave blank or get wrong.</summary>
[Flags]
internal enum RecordFields
{
    None = 0,
    Nino = 1,
    NhsNumber = 2,
    DateOfBirth = 4,
    Postcode = 8,
    AddressLine1 = 16,
    Phone = 32,
    Email = 64,
    MiddleName = 128,
}
