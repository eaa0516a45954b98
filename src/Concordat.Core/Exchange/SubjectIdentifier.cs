using Concordat.Core.Catalogue;

namespace Concordat.Core.Exchange;

/// <summary>How a request names one person: an identifier of a kind the dataset's schema marks (NINO, NHS number, UPRN...).</summary>
/// <param name="Kind">The identifier kind.</param>
/// <param name="Value">The identifier as given; normalised by its UK standard before use.</param>
public sealed record SubjectIdentifier(IdentifierKind Kind, string Value);
