namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Familiar forms of English given names mapped to a formal form, for the nickname comparison level. A stop-gap of
/// the linkage engine's own until the shared name standards carry a nickname table; upper case. Thread safe.
/// </summary>
internal static class NicknameTable
{
    // formal: familiar forms. A familiar form may belong to several formal names (PAT: PATRICIA, PATRICK).
    private static readonly string[] Groups =
    [
        "ALEXANDER:ALEX,ALEC,SANDY,XANDER", "ALEXANDRA:ALEX,LEXI,SANDRA,ALEXA", "ANDREW:ANDY,DREW", "ANTHONY:TONY,ANT",
        "ARCHIBALD:ARCHIE", "ARTHUR:ART,ARTIE", "BARBARA:BARB,BABS", "BENJAMIN:BEN,BENNY,BENJI", "BERNARD:BERNIE",
        "CATHERINE:CATH,CATHY,KATE,KATIE,KAT,KATHY", "CHARLES:CHARLIE,CHAS,CHUCK", "CHARLOTTE:LOTTIE,CHARLIE,LOTTE",
        "CHRISTINE:CHRIS,CHRISSIE,TINA", "CHRISTOPHER:CHRIS,KIT", "DANIEL:DAN,DANNY", "DAVID:DAVE,DAVY", "DEBORAH:DEBBIE,DEB",
        "DONALD:DON,DONNIE", "DOROTHY:DOT,DOTTIE,DOLLY", "EDWARD:ED,EDDIE,TED,NED", "EDMUND:ED,EDDIE,NED",
        "ELEANOR:ELLIE,NELL,NELLIE,NORA", "ELIZABETH:LIZ,LIZZIE,BETH,BETTY,BESS,ELIZA,LISA,LIBBY,BETSY",
        "FREDERICK:FRED,FREDDIE,FREDDY", "GEOFFREY:GEOFF", "GERALD:GERRY,GERRY", "GREGORY:GREG", "HARRIET:HATTIE",
        "HENRY:HARRY,HAL,HANK", "ISABEL:IZZY,BELLA,ISSY", "ISABELLA:IZZY,BELLA,ISSY", "JACQUELINE:JACKIE", "JAMES:JIM,JIMMY,JAMIE",
        "JANET:JAN", "JENNIFER:JENNY,JEN", "JOHN:JACK,JOHNNY", "JONATHAN:JON,JONNY", "JOSEPH:JOE,JOEY", "JOSHUA:JOSH",
        "KATHERINE:KATE,KATIE,KATHY,KAT", "KENNETH:KEN,KENNY", "LAWRENCE:LARRY,LAURIE", "LEONARD:LEN,LENNY,LEO",
        "MARGARET:MAGGIE,MEG,PEGGY,MADGE,MAISIE,RITA,GRETA", "MATTHEW:MATT", "MICHAEL:MIKE,MICK,MICKY,MICKEY",
        "NICHOLAS:NICK,NICKY", "NATHANIEL:NAT,NATE", "OLIVER:OLLIE", "PATRICIA:PAT,PATSY,TRISH,PATTY",
        "PATRICK:PAT,PADDY", "PETER:PETE", "PHILIP:PHIL", "PHILLIP:PHIL", "RACHEL:RACH", "REBECCA:BECKY,BECCA",
        "RICHARD:RICK,RICKY,DICK,RICH,RICHIE", "ROBERT:BOB,BOBBY,ROB,ROBBIE,BERT", "RONALD:RON,RONNIE",
        "SAMUEL:SAM,SAMMY", "SAMANTHA:SAM,SAMMY", "STEPHEN:STEVE,STEVIE", "STEVEN:STEVE,STEVIE", "SUSAN:SUE,SUSIE,SUZY",
        "THEODORE:THEO,TED,TEDDY", "THOMAS:TOM,TOMMY", "TIMOTHY:TIM,TIMMY", "VICTORIA:VICKY,VICKI,TORI",
        "WILLIAM:BILL,BILLY,WILL,WILLIE,LIAM", "ZACHARY:ZAC,ZACK", "ABIGAIL:ABBY,ABBIE", "AMELIA:MILLIE,AMY",
        "ANNE:ANNIE,NAN", "ANN:ANNIE,NAN", "CAROLINE:CARRIE,CARO", "DOUGLAS:DOUG", "EMILY:EMMY,MILLIE",
        "FLORENCE:FLO,FLOSSIE", "FRANCES:FRAN,FRANNIE", "FRANCIS:FRANK", "GABRIEL:GABE", "HANNAH:HANNIE",
        "HARRISON:HARRY", "JESSICA:JESS,JESSIE", "LOUISE:LOU,LULU", "MATILDA:TILLY,MATTIE", "MILDRED:MILLIE",
        "NATALIE:NAT", "NORMAN:NORM", "PAMELA:PAM", "RAYMOND:RAY", "REGINALD:REG,REGGIE", "ROGER:RODGE",
        "SARAH:SALLY,SADIE", "STANLEY:STAN", "SUZANNE:SUE,SUZY", "TERENCE:TEL,TERRY", "VALERIE:VAL",
        "WALTER:WALT,WALLY", "WINIFRED:WINNIE", "ALBERT:AL,BERT,BERTIE", "ALFRED:ALF,ALFIE", "EVELYN:EVIE",
        "GEORGINA:GEORGIE,GINA", "GEORGE:GEORDIE", "HAROLD:HARRY,HAL", "JOANNA:JO", "JOANNE:JO", "JOSEPHINE:JO,JOSIE",
        "MADELEINE:MADDIE", "MOHAMMED:MO", "MUHAMMAD:MO", "NICOLA:NICKY,NIKKI", "OLIVIA:LIV,LIVVY", "SOPHIA:SOPHIE",
        "THERESA:TESS,TESSA,TERRI", "VINCENT:VINCE,VINNY",
    ];

    private static readonly Dictionary<string, string[]> Formal = Build();

    /// <summary>
    /// The name itself followed by every formal name it is a familiar form of (upper case); two names are
    /// equivalent when their lists share a name.
    /// </summary>
    public static IReadOnlyList<string> Forms(string name) =>
        Formal.TryGetValue(name, out var formal) ? [name, .. formal] : [name];

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            var formal = group[..colon];
            foreach (var familiar in group[(colon + 1)..].Split(','))
            {
                if (!map.TryGetValue(familiar, out var list))
                {
                    map[familiar] = list = [];
                }

                if (!list.Contains(formal))
                {
                    list.Add(formal);
                }
            }
        }

        return map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
