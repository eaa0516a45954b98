using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Forms;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Components;

namespace Concordat.Server.Portal.Drafts;

/// <summary>What every task list section page is given, and how it shows a value: as sent when the form had problems, else as saved.</summary>
public abstract class DraftSectionBase : ComponentBase
{
    [Parameter, EditorRequired] public StaffUser User { get; set; } = default!;

    [Parameter, EditorRequired] public WorkingDraft Draft { get; set; } = default!;

    [Parameter] public FormErrors Errors { get; set; } = FormErrors.None;

    /// <summary>The form as sent, when the page shows its problems.</summary>
    [Parameter] public IFormCollection? Form { get; set; }

    /// <summary>Organisation names by id.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, string> Organisations { get; set; } = new Dictionary<string, string>();

    /// <summary>Every dataset of the catalogue by id.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, Dataset> Datasets { get; set; } = new Dictionary<string, Dataset>();

    /// <summary>The terms so far.</summary>
    protected AgreementDraft Terms => Draft.Draft;

    /// <summary>The value to show in input <paramref name="name"/>: as sent, or else <paramref name="saved"/>.</summary>
    protected string? Value(string name, string? saved) => Form is null ? saved : Form[name].ToString();

    /// <summary>An organisation's name.</summary>
    protected string OrganisationName(string? id) => id is null ? "" : Organisations.GetValueOrDefault(id, id);
}
