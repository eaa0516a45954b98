namespace Concordat.Server.Api.Audit;

/// <summary>Log messages of the audit log's hosted work; sizes, hashes and key ids only, never entry content.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Audit checkpoint signed at tree size {TreeSize} with key {KeyId}")]
    public static partial void CheckpointSigned(ILogger logger, long treeSize, string keyId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Audit checkpoint could not be signed")]
    public static partial void CheckpointFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Critical, Message = "The audit log has locked itself ({Code}); audited requests fail until an operator investigates. {Report}")]
    public static partial void Locked(ILogger logger, string code, string report);
}
