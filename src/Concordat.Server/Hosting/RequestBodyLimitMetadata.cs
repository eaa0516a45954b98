namespace Concordat.Server.Hosting;

/// <summary>Endpoint metadata overriding the default request body limit.</summary>
/// <param name="MaxBytes">An explicit limit in bytes, or null to use the configured ingest limit.</param>
public sealed record RequestBodyLimitMetadata(long? MaxBytes);
