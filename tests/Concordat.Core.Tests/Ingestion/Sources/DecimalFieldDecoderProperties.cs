using Concordat.Core.Ingestion.Sources;
using CsCheck;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class DecimalFieldDecoderProperties
{
    private static readonly Gen<(long Value, int Length, int Scale)> Fields =
        from length in Gen.Int[1, 9]
        from value in Gen.Long[-((long)Math.Pow(10, Math.Min(length, 17)) - 1), (long)Math.Pow(10, Math.Min(length, 17)) - 1]
        from scale in Gen.Int[0, length]
        select (value, length, scale);

    [Fact]
    public void Packed_decimal_round_trips()
    {
        Fields.Sample(f =>
        {
            var bytes = MainframeBytes.Packed(f.Value, f.Length);

            Assert.True(DecimalFieldDecoder.TryDecodePacked(bytes, f.Scale, out var text));
            Assert.Equal(MainframeBytes.Expected(f.Value, f.Scale), text);
        });
    }

    [Fact]
    public void Zoned_decimal_round_trips()
    {
        Fields.Sample(f =>
        {
            var bytes = MainframeBytes.Zoned(f.Value, f.Length);

            Assert.True(DecimalFieldDecoder.TryDecodeZoned(bytes, f.Scale, out var text));
            Assert.Equal(MainframeBytes.Expected(f.Value, f.Scale), text);
        });
    }

    [Fact]
    public void Unsigned_f_zone_packed_is_positive_and_negative_zero_is_zero()
    {
        Assert.True(DecimalFieldDecoder.TryDecodePacked([0x12, 0x3F], 1, out var unsigned));
        Assert.True(DecimalFieldDecoder.TryDecodePacked([0x00, 0x0D], 2, out var negativeZero));

        Assert.Equal("12.3", unsigned);
        Assert.Equal("0.00", negativeZero);
    }

    [Fact]
    public void Twenty_nine_digit_packed_value_decodes_exactly()
    {
        byte[] bytes = [0x98, 0x76, 0x54, 0x32, 0x10, 0x98, 0x76, 0x54, 0x32, 0x10, 0x98, 0x76, 0x54, 0x32, 0x1D];

        Assert.True(DecimalFieldDecoder.TryDecodePacked(bytes, 4, out var text));

        Assert.Equal("-9876543210987654321098765.4321", text);
    }
}
