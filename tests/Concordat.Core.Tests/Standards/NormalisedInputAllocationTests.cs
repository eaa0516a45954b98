using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Tests.Standards;

/// <summary>The standards run for every ingested row, so already-normal values must cost no garbage.</summary>
/// <remarks>
/// Runs alone: a shared Regex creates an extra runner when another thread is matching at the same moment, which
/// would be counted against this thread and make the measurement depend on what other tests are doing.
/// </remarks>
[Collection(AllocationMeasurements.Name)]
public sealed class NormalisedInputAllocationTests
{
    [Theory]
    [InlineData(IdentifierKind.Nino, "AB123456C")]
    [InlineData(IdentifierKind.NhsNumber, "9434765919")]
    [InlineData(IdentifierKind.Postcode, "SW1A 1AA")]
    [InlineData(IdentifierKind.Uprn, "100023336956")]
    [InlineData(IdentifierKind.Email, "jane.doe@example.gov.uk")]
    [InlineData(IdentifierKind.Phone, "+447700900123")]
    public void Normalising_an_already_normal_value_allocates_nothing(IdentifierKind kind, string value)
    {
        bool valid = IdentifierStandard.TryNormalise(kind, value, out _, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            valid &= IdentifierStandard.TryNormalise(kind, value, out string? normalised, out _) && ReferenceEquals(value, normalised);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_iso_dates_and_instants_allocates_nothing()
    {
        bool valid = IsoDate.TryParseDate("2024-02-29", out _) && IsoDate.TryParseDateTime("2024-06-01T12:00:00+01:00", out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            valid &= IsoDate.TryParseDate("2024-02-29", out _) && IsoDate.TryParseDateTime("2024-06-01T12:00:00+01:00", out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);
    }
}
