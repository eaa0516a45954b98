namespace Concordat.Server.Portal.Forms;

/// <summary>One problem with a form, shown in the error summary (linked to the field) and beside the field.</summary>
/// <param name="FieldId">The id of the input the message is about (the summary links to <c>#FieldId</c>).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record FormError(string FieldId, string Message);
