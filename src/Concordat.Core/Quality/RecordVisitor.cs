namespace Concordat.Core.Quality;

/// <summary>Receives one current record during a scan.</summary>
/// <param name="payloadUtf8">The record's fields as a JSON object in UTF-8; valid only during the call.</param>
/// <param name="key">The record key.</param>
/// <param name="recordedAt">When the run that wrote this version started (UTC).</param>
public delegate void RecordVisitor(ReadOnlySpan<byte> payloadUtf8, string key, DateTimeOffset recordedAt);
