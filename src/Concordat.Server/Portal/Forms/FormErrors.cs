namespace Concordat.Server.Portal.Forms;

/// <summary>The problems of one form submission, in page order, looked up by field.</summary>
public sealed class FormErrors
{
    private readonly List<FormError> _errors = [];

    /// <summary>Every problem, in the order added.</summary>
    public IReadOnlyList<FormError> All => _errors;

    /// <summary>True when there is at least one problem.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Adds a problem about <paramref name="fieldId"/>.</summary>
    public void Add(string fieldId, string message) => _errors.Add(new FormError(fieldId, message));

    /// <summary>The first problem about <paramref name="fieldId"/>, or null.</summary>
    public string? For(string fieldId) => _errors.FirstOrDefault(e => string.Equals(e.FieldId, fieldId, StringComparison.Ordinal))?.Message;

    /// <summary>No problems.</summary>
    public static FormErrors None => new();
}
