using Concordat.Core.Governance;

namespace Concordat.Server.Portal.Register;

/// <summary>One agreement in the register list.</summary>
public sealed record RegisterRow(string Id, string Title, string Provider, string Consumer, AgreementStatus Status, DateOnly StartDate, DateOnly EndDate);
