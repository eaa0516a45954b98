using System.Globalization;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Phone numbers and e-mail addresses that can never reach anyone: phones from Ofcom's drama ranges, e-mail at
/// the domains RFC 2606 reserves. Each drama range holds a thousand numbers, so phones repeat across people and
/// must never be used to link records.
/// </summary>
internal static class ContactDetails
{
    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net", "mail.example.com", "post.example.org"];

    /// <summary>Gives <paramref name="person"/> a phone number and e-mail address, or not, as people of that age have.</summary>
    public static void Add(SyntheticPerson person, ref SynthRandom random)
    {
        if (person.Age >= 12 && random.Chance(0.8))
        {
            person.Phone = Places.MobilePrefix + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
        }
        else if (person.Age >= 18 && random.Chance(0.5))
        {
            var prefix = person.CurrentAddress.Town.LandlinePrefix ?? Places.NonGeographicPrefix;
            person.Phone = prefix + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
        }

        if (person.Age >= 14 && random.Chance(0.7))
        {
            person.Email = FormatEmail(person, ref random);
        }
    }

    private static string FormatEmail(SyntheticPerson person, ref SynthRandom random)
    {
        Span<char> buffer = stackalloc char[96];
        Span<char> given = stackalloc char[32];
        Span<char> family = stackalloc char[32];
        var g = TextFold.LowerAlphanumeric(person.GivenName, given);
        var f = TextFold.LowerAlphanumeric(person.FamilyName, family);
        var n = 0;
        switch (random.Next(4))
        {
            case 0:
                Append(buffer, ref n, given[..g]);
                Append(buffer, ref n, ".");
                Append(buffer, ref n, family[..f]);
                break;
            case 1:
                Append(buffer, ref n, given[..1]);
                Append(buffer, ref n, ".");
                Append(buffer, ref n, family[..f]);
                break;
            case 2:
                Append(buffer, ref n, family[..f]);
                Append(buffer, ref n, given[..g]);
                break;
            default:
                Append(buffer, ref n, given[..g]);
                Append(buffer, ref n, "_");
                Append(buffer, ref n, family[..Math.Min(f, 4)]);
                break;
        }

        if (random.Chance(0.6))
        {
            random.Next(100).TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture);
            n += written;
        }

        buffer[n++] = '@';
        Append(buffer, ref n, EmailDomains[random.Next(EmailDomains.Length)]);
        return new string(buffer[..n]);
    }

    private static void Append(Span<char> buffer, ref int n, ReadOnlySpan<char> text)
    {
        text.CopyTo(buffer[n..]);
        n += text.Length;
    }
}
