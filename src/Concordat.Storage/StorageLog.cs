using Concordat.Storage.Keys;
using Microsoft.Extensions.Logging;

namespace Concordat.Storage;

/// <summary>Log messages of the storage layer: key ids, sources and store locations without passwords, never secrets.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Master key {MasterKeyId} loaded from {Source}; created now: {Created}")]
    public static partial void MasterKey(ILogger logger, string masterKeyId, MasterKeySource source, bool created);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Audit checkpoint key {KeyId}; created now: {Created}")]
    public static partial void AuditSigningKey(ILogger logger, string keyId, bool created);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Concordat store {Store}: migrations applied now: {Applied}")]
    public static partial void Migrated(ILogger logger, string store, string applied);
}
