namespace Concordat.Server.Portal.Drafts;

/// <summary>A task list section's status, as the GOV.UK task list pattern names them.</summary>
public enum DraftTaskStatus
{
    /// <summary>Nothing entered yet.</summary>
    NotYetStarted,

    /// <summary>Something entered, with problems left.</summary>
    InProgress,

    /// <summary>Entered with no problems left.</summary>
    Completed,

    /// <summary>An optional section left empty.</summary>
    Optional,

    /// <summary>Needs an earlier section first.</summary>
    CannotStartYet,
}
