using System.Text.Json.Nodes;

namespace Concordat.Server.Federation;

/// <summary>
/// One agreement from another member's register, as its node signed it and this node verified it: the register entry
/// and ODRL policy exactly as the provider's node published them, with the signed message and body to show anyone
/// who wants to check the signature. Immutable; thread safe (the JSON is kept as text and parsed per use).
/// </summary>
/// <param name="OrganisationId">The provider: the member whose node signed.</param>
/// <param name="AgreementId">The agreement's id at the provider's node.</param>
/// <param name="Status">The status the provider's node signed, as the register spells it.</param>
/// <param name="EntryJson">The register entry as the provider's node published it.</param>
/// <param name="OdrlJson">The agreement's ODRL policy as the provider's node published it.</param>
/// <param name="Message">The signed agreement message, text.</param>
/// <param name="Body">The base64 of the exact body bytes the message's <c>body</c> digest covers.</param>
/// <param name="Certificate">The base64 DER of the certificate that signed.</param>
public sealed record FederatedRegisterCopy(string OrganisationId, string AgreementId, string Status, string EntryJson, string OdrlJson, string Message, string Body, string Certificate)
{
    /// <summary>The id this node's register shows it under: <c>PROVIDER:AGREEMENT</c>, as a dataset is named across nodes.</summary>
    public string QualifiedId => OrganisationId + ":" + AgreementId;

    /// <summary>The entry as this node's register shows it: the provider's entry, with the qualified id and this node's links.</summary>
    public JsonObject PublicEntry()
    {
        var entry = JsonNode.Parse(EntryJson)!.AsObject();
        var path = "/api/v1/register/agreements/" + Uri.EscapeDataString(QualifiedId);
        entry["id"] = QualifiedId;
        entry["odrlPolicy"] = path + "/odrl";
        entry["signedCopy"] = path + "/signed";
        return entry;
    }
}
