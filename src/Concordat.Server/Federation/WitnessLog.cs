namespace Concordat.Server.Federation;

/// <summary>Witness log events: origins, sizes, organisations and codes only, never keys or tokens.</summary>
internal static partial class WitnessLog
{
    [LoggerMessage(EventId = 7020, Level = LogLevel.Debug, Message = "Witness cosigned checkpoint {TreeSize} of {Origin} submitted by {Submitter}")]
    public static partial void Cosigned(ILogger logger, string origin, long treeSize, string submitter);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Error, Message = "Witness refused a checkpoint of {Origin} submitted by {Submitter} as a {Kind}: it had cosigned size {HeldSize}, and was offered size {OfferedSize}; both signed checkpoints are recorded in {ReportsPath}")]
    public static partial void Misbehaviour(ILogger logger, string origin, string kind, string submitter, long heldSize, long offeredSize, string reportsPath);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Information, Message = "Witness refused a checkpoint of {Origin} submitted by {Submitter}: {Outcome} ({Detail})")]
    public static partial void Refused(ILogger logger, string origin, string submitter, string outcome, string detail);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Information, Message = "Checkpoint {TreeSize} of this node's audit log is witnessed: {Quorum}")]
    public static partial void Witnessed(ILogger logger, long treeSize, string quorum);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Warning, Message = "Witness {Witness} did not cosign checkpoint {TreeSize}: {Code} ({Detail}); retrying")]
    public static partial void SubmissionFailed(ILogger logger, string witness, long treeSize, string code, string detail);

    [LoggerMessage(EventId = 7025, Level = LogLevel.Error, Message = "Witness {Witness} holds size {HeldSize} of this node's audit log, which this log cannot prove its checkpoint {TreeSize} extends: {Detail}")]
    public static partial void CannotProve(ILogger logger, string witness, long heldSize, long treeSize, string detail);

    [LoggerMessage(EventId = 7026, Level = LogLevel.Error, Message = "A round of witness submissions failed ({Exception})")]
    public static partial void RoundFailed(ILogger logger, string exception, Exception error);
}
