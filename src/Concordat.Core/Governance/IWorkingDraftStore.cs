namespace Concordat.Core.Governance;

/// <summary>Where working drafts of agreements are kept between the sections of the task list. Thread safe.</summary>
public interface IWorkingDraftStore
{
    /// <summary>Stores a new working draft, or replaces the one with the same id.</summary>
    Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken);

    /// <summary>A working draft, or null.</summary>
    Task<WorkingDraft?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>An organisation's working drafts, most recently changed first.</summary>
    Task<IReadOnlyList<WorkingDraft>> ListAsync(string organisationId, CancellationToken cancellationToken);

    /// <summary>Removes a working draft (once it has become an agreement, or is abandoned); false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
