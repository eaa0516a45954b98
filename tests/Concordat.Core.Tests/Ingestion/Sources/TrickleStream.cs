namespace Concordat.Core.Tests.Ingestion.Sources;

/// <summary>Serves a byte array at most <c>chunk</c> bytes per read, so readers meet every buffer boundary.</summary>
internal sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
}
