"""The hand annotations behind alignment.jsonl (rules in README.md; build.py turns quotes into offsets).

A span is a quote of the reader's text with the annotated part in ``[[...]]``. NewsWCL50
articles are named by outlet code: LL HuffPost, L The New York Times, M USA Today, R Fox
News, RR Breitbart. Blame entries: (article, quote, party, kind, by, framing[, aliases]).

Part ``aside`` (fixed before any result was seen): NewsWCL50 events whose number is 2 modulo
3 (2, 5, 8); ECB+ topics whose number is a multiple of 3.
"""

AGE = "age of one person"
INCIDENTAL = "incidental count"
OTHER = "figure about another event or background"

EVENTS = [
    {
        "event": "newswcl50/0", "dataset": "newswcl50", "part": "select",
        # Pompeo's secret Easter meeting with Kim Jong Un; Trump says five summit sites are considered.
        "slots": [
            {"label": "sites considered for the Trump-Kim summit", "role": "count",
             "referent": "locations under consideration for the summit", "unit": "sites",
             "differs": False, "kind": None, "members": [
                 ("L", "the White House was looking at [[five]] sites", 5),
                 ("LL", "Trump told reporters on Tuesday that [[five]] locations", 5),
                 ("M", 'officials are reviewing " [[five]] locations "', 5),
                 ("R", "said [[five]] locations for the potential summit", 5),
             ]},
        ],
        "negatives": [
            ("L", "[[two]] people briefed on the secret trip", INCIDENTAL),
            ("L", "halted the Korean War in [[1953]].", OTHER),
            ("M", "a state of war that has lasted more than [[six]] decades", OTHER),
            ("M", "approval rating at less than [[30%]]", OTHER),
            ("L", "Having met [[six]] times", INCIDENTAL),
            ("R", "third inter - Korean summit since the Koreas ' [[1945]] division", OTHER),
        ],
        "blame": [
            ("L", "President Trump dispatched the C.I.A. director [[Mike Pompeo]] to North Korea", "Mike Pompeo",
             "person", "two people briefed on the secret trip", "attributed"),
            ("L", "[[President Trump]] dispatched the C.I.A. director", "Donald Trump", "person",
             "two people briefed on the secret trip", "attributed", ["Trump", "President Trump"]),
            ("LL", "Central Intelligence Agency Director [[Mike Pompeo]] met with", "Mike Pompeo", "person",
             "media reports", "attributed"),
            ("M", "secretary of State - designate [[Mike Pompeo]] made a top - secret visit", "Mike Pompeo",
             "person", "The Washington Post", "attributed"),
            ("R", "CIA Director [[Mike Pompeo]] met with North Korean dictator", "Mike Pompeo", "person",
             "author", "asserted"),
            ("RR", "CIA Director [[Mike Pompeo]], now President", "Mike Pompeo", "person", "author", "asserted"),
        ],
    },
    {
        "event": "newswcl50/6", "dataset": "newswcl50", "part": "select",
        # The migrant caravan reaches the US border at Tijuana/San Ysidro (April 28-29, 2018).
        "slots": [
            {"label": "migrants in the caravan", "role": "count", "referent": "migrants in the caravan at the border",
             "unit": "people", "differs": True, "kind": "conflict", "members": [
                 ("L", "More than [[150]] migrants, part of a caravan", 150),
                 ("L", "a caravan that once numbered about [[1,200]] and", 1200),
                 ("L", "when more than [[150]] of the participants", 150),
                 ("LL", "a caravan of [[hundreds]] of Central Americans", None),
                 ("LL", "But [[hundreds]] of participants in the caravan", None),
                 ("LL", "a group of about [[150]] of the caravan's members", 150),
                 ("LL", "The [[150]] migrants, many of whom were children", 150),
                 ("LL", "Between [[150 and 200]] Central American migrants", [150, 200]),
                 ("M", "about [[200]] migrants from Central America", 200),
                 ("R", "the roughly [[400]] people in the caravan", 400),
                 ("RR", "A caravan of [[hundreds]] of migrants", None),
                 ("RR", "as about [[130]] immigrants arrived at the border", 130),
             ]},
            {"label": "asylum seekers passing the initial screening", "role": "share",
             "referent": "asylum seekers who pass the credible-fear screening", "unit": "percent",
             "differs": False, "kind": None, "members": [
                 ("L", "More than [[three quarters]] of applicants pass", 75),
                 ("R", "Nearly [[80 percent]] of asylum - seekers", 80),
             ]},
        ],
        "negatives": [
            ("L", "Mario Quintanillo, [[30]],", AGE),
            ("L", "Cecilia Sarai Carillo, [[23]],", AGE),
            ("L", "were among [[four]] couples", INCIDENTAL),
            ("L", "escorted some [[50]] participants", INCIDENTAL),
            ("LL", "a group of about [[100]] people chanted", INCIDENTAL),
            ("LL", "since [[1971]].", OTHER),
            ("M", "After traveling [[2,500]] miles", INCIDENTAL),
            ("M", 'said [[18]] - year - old Karina Gomez', AGE),
            ("M", "About [[80]] U.S. families", INCIDENTAL),
            ("M", "Rubilio Mendez, [[34]],", AGE),
            ("R", "Kenia Elizabeth Avila, [[35]],", AGE),
            ("R", "children as young as [[4]] - years - old", AGE),
            ("R", "locations where about [[20]] lawyers", INCIDENTAL),
            ("R", "Jose Cazares, [[31]],", AGE),
        ],
        "blame": [
            ("L", "project coordinator for [[Pueblo Sin Fronteras]], a transnational group that organized the caravan",
             "Pueblo Sin Fronteras", "organisation", "author", "asserted", ["Pueblos Sin Fronteras"]),
            ("LL", "the caravan's main organizing group, [[Pueblos Sin Fronteras]]", "Pueblo Sin Fronteras",
             "organisation", "author", "asserted", ["Pueblos Sin Fronteras"]),
            ("M", "main organizers of [[Pueblo Sin Fronteras]], the transnational group that organized the caravan",
             "Pueblo Sin Fronteras", "organisation", "author", "asserted", ["Pueblos Sin Fronteras"]),
            ("RR", "The effort was organized by [[Pueblos Sin Fronteras]]", "Pueblo Sin Fronteras", "organisation",
             "author", "asserted", ["Pueblos Sin Fronteras"]),
        ],
    },
    {
        "event": "newswcl50/1", "dataset": "newswcl50", "part": "select",
        # The Justice Department sends Comey's memos to Congress (April 19, 2018).
        "slots": [
            {"label": "pages of the Comey memos", "role": "count", "referent": "pages of the released memos",
             "unit": "pages", "differs": False, "kind": None, "members": [
                 ("L", "memos — running [[15]] pages in total", 15),
                 ("RR", "The [[15]] pages of Comey's memos", 15),
             ]},
        ],
        "negatives": [
            ("L", "But [[three]] House Republican committee chairmen", INCIDENTAL),
            ("M", "notified the chairs of at least [[six]] congressional committees", INCIDENTAL),
            ("M", "Comey, who served [[three]] presidents", INCIDENTAL),
        ],
        "blame": [
            ("L", "sent to Congress from the [[Justice Department]] on Thursday night", "Justice Department",
             "government agency", "author", "asserted", ["Department of Justice", "DOJ"]),
            ("LL", "The [[Department of Justice]] released copies", "Justice Department", "government agency",
             "author", "asserted", ["Department of Justice", "DOJ"]),
            ("RR", "were released by [[Republican Congressional intelligence officials]]",
             "Republican congressional officials", "group", "author", "asserted"),
        ],
    },
    {
        "event": "newswcl50/2", "dataset": "newswcl50", "part": "aside",
        # Kim Jong Un announces the suspension of nuclear and long-range missile tests (April 20-21, 2018).
        "slots": [
            {"label": "US troops in South Korea", "role": "count", "referent": "US troops stationed in South Korea",
             "unit": "troops", "differs": False, "kind": None, "members": [
                 ("LL", "withdraw [[28,500]] U.S. troops", 28500),
                 ("M", "Currently, there are [[28,500]] U.S. troops", 28500),
             ]},
        ],
        "negatives": [
            ("LL", "the country fired [[23]] missiles", OTHER),
            ("LL", "23 missiles during [[16]] tests", OTHER),
            ("R", "a sprint of over [[20]] missile tests last year", OTHER),
            ("R", "Kim tested [[three]] intercontinental", OTHER),
            ("L", "ending more than [[six]] decades of conflict", OTHER),
            ("LL", "engaged in a war for over [[60]] years", OTHER),
        ],
        "blame": [
            ("L", "North Korea's leader, [[Kim Jong - un]], announced early Saturday", "North Korea", "country",
             "author", "asserted", ["Kim Jong Un", "Kim Jong - un", "Kim", "Pyongyang", "Korean Central News Agency"]),
            ("LL", "altogether. \"\n[[North Korea]] will suspend", "North Korea", "country", "author", "asserted",
             ["Kim Jong Un", "Kim Jong - un", "Kim", "Pyongyang", "Korean Central News Agency"]),
            ("M", "North Korean leader [[Kim Jong Un]] announced he will suspend", "North Korea", "country", "author",
             "asserted", ["Kim Jong Un", "Kim Jong - un", "Kim", "Pyongyang", "Korean Central News Agency"]),
            ("R", "North Korean dictator [[Kim Jong Un]]'s surprise announcement", "North Korea", "country", "author",
             "asserted", ["Kim Jong Un", "Kim Jong - un", "Kim", "Pyongyang", "Korean Central News Agency"]),
            ("RR", "indicated that North Korean dictator [[Kim Jong - un]] announced the halt", "North Korea",
             "country", "Various reports", "attributed",
             ["Kim Jong Un", "Kim Jong - un", "Kim", "Pyongyang", "Korean Central News Agency"]),
        ],
    },
    {
        "event": "newswcl50/3", "dataset": "newswcl50", "part": "select",
        # The DNC sues Russia, the Trump campaign and WikiLeaks (April 20, 2018).
        "slots": [
            {"label": "damages sought by the lawsuit", "role": "amount", "referent": "damages the DNC lawsuit seeks",
             "unit": "USD", "differs": False, "kind": None, "members": [
                 ("R", "filed a [[multimillion]] - dollar federal lawsuit", None),
                 ("RR", "DNC files multi - [[million]] dollar lawsuit", None),
                 ("RR", "The multi - [[million]] dollar lawsuit comes", None),
             ]},
        ],
        "negatives": [
            ("R", "reelection committee for [[$1 million]] in damages", OTHER),
            ("R", "reached a [[$750,000]] settlement", OTHER),
            ("LL", "[[Four]] U.S. intelligence agencies", OTHER),
            ("LL", "Defendants in the lawsuit include [[three]] people", INCIDENTAL),
        ],
        "blame": [
            ("L", "The [[Democratic National Committee]] opened a surprise legal assault", "Democratic National Committee",
             "organisation", "author", "asserted", ["DNC", "D.N.C.", "Democratic Party", "Democrats"]),
            ("LL", "The [[Democratic Party]] sued the Russian government", "Democratic National Committee",
             "organisation", "author", "asserted", ["DNC", "D.N.C.", "Democratic Party", "Democrats"]),
            ("M", "The [[Democratic National Committee]] filed a lawsuit Friday", "Democratic National Committee",
             "organisation", "author", "asserted", ["DNC", "D.N.C.", "Democratic Party", "Democrats"]),
            ("R", "The [[Democratic Party]] on Friday filed", "Democratic National Committee", "organisation",
             "author", "asserted", ["DNC", "D.N.C.", "Democratic Party", "Democrats"]),
            ("RR", "The [[Democratic National Committee]] is suing", "Democratic National Committee", "organisation",
             "author", "asserted", ["DNC", "D.N.C.", "Democratic Party", "Democrats"]),
        ],
    },
    {
        "event": "newswcl50/4", "dataset": "newswcl50", "part": "select",
        # Macron's state visit; Trump signals openness to a new Iran deal and warns Iran (April 24, 2018).
        # No figure is reported by two articles about the same referent: no slot.
        "slots": [],
        "negatives": [
            ("R", "nearly [[500]] U.S. service members", INCIDENTAL),
            ("M", "the long [[241]] - year friendship", INCIDENTAL),
            ("LL", "We paid [[$150 billion]].", OTHER),
            ("L", "a fife - and - drum corps and a [[21]] - gun salute", INCIDENTAL),
        ],
        "blame": [
            ("L", "[[President Trump]] signaled on Tuesday", "Donald Trump", "person", "author", "asserted",
             ["Trump", "President Trump", "Donald Trump"]),
            ("M", "[[President Trump]] vowed Tuesday", "Donald Trump", "person", "author", "asserted",
             ["Trump", "President Trump"]),
            ("R", "[[President Trump]] warned Iran's leaders Tuesday", "Donald Trump", "person", "author", "asserted",
             ["Trump", "President Trump"]),
            ("RR", "[[President Donald Trump]] did not restrain", "Donald Trump", "person", "author", "asserted",
             ["Trump", "President Trump"]),
        ],
    },
    {
        "event": "newswcl50/5", "dataset": "newswcl50", "part": "aside",
        # Trump's working visit to the UK on July 13 is confirmed (April 26-27, 2018).
        "slots": [
            {"label": "Amnesty supporters who will protest", "role": "count",
             "referent": "Amnesty International supporters protesting the visit", "unit": "people",
             "differs": False, "kind": None, "members": [
                 ("L", "we and [[thousands]] of our supporters will very definitely", None),
                 ("LL", 'said " [[thousands]] of our supporters "', None),
                 ("M", "we and [[thousands]] of our supporters will very definitely", None),
             ]},
        ],
        "negatives": [
            ("M", "A petition signed by more than [[1.8 million]] people last year", OTHER),
            ("L", "The queen has hosted more than [[100]] heads of state", INCIDENTAL),
            ("LL", "the [[90]] - day travel ban", OTHER),
            ("LL", "issued by Trump to [[seven]] largely Muslim countries", OTHER),
        ],
        "blame": [
            ("LL", "[[Donald Trump]] will visit London in July", "Donald Trump", "person", "Woody Johnson",
             "attributed", ["Trump", "President Trump"]),
            ("M", "[[President Trump]] will travel to the United Kingdom on July 13", "Donald Trump", "person",
             "author", "asserted", ["Trump", "President Trump"]),
            ("R", "[[President Trump]] will travel to the United Kingdom in July", "Donald Trump", "person",
             "the White House", "attributed", ["Trump", "President Trump"]),
            ("RR", "The President of the United States [[Donald Trump]] will visit", "Donald Trump", "person",
             "the British Ambassador to Washington", "attributed", ["Trump", "President Trump"]),
        ],
    },
    {
        "event": "newswcl50/7", "dataset": "newswcl50", "part": "select",
        # The White House delays steel and aluminium tariffs on the EU, Canada and Mexico (April 30, 2018).
        "slots": [
            {"label": "steel tariff", "role": "rate", "referent": "tariff on steel imports", "unit": "percent",
             "differs": False, "kind": None, "members": [
                 ("L", "The [[25 percent]] tariffs on steel", 25),
                 ("L", "will face a [[25 percent]] tariff on steel imports", 25),
                 ("LL", "imposed a [[25 percent]] tariff on steel imports", 25),
                 ("M", "without paying the [[25%]] tariff", 25),
                 ("M", "Trump announced a [[25%]] tariff on steel", 25),
                 ("R", "slap tariffs of [[25 percent]] on imported steel", 25),
                 ("RR", "import duties of [[25 percent]] on steel", 25),
             ]},
            {"label": "aluminum tariff", "role": "rate", "referent": "tariff on aluminum imports", "unit": "percent",
             "differs": False, "kind": None, "members": [
                 ("L", "tariffs on steel and [[10 percent]] on aluminum", 10),
                 ("LL", "and a [[10 percent]] tariff on aluminum", 10),
                 ("M", "and a [[10%]] tariff on aluminum", 10),
                 ("R", "steel and [[10 percent]] on imported aluminum", 10),
                 ("RR", "on steel and [[10 percent]] on aluminum", 10),
             ]},
            {"label": "length of the delay", "role": "duration", "referent": "the extension of the exemptions",
             "unit": "days", "differs": False, "kind": None, "members": [
                 ("L", "Mexico for [[30]] Days", 30),
                 ("L", "Mexico for another [[30]] days", 30),
                 ("L", "after the [[30]] - day reprieve", 30),
                 ("LL", "for a final [[30]] days", 30),
                 ("M", "described the [[30]] - day delay", 30),
                 ("R", "wait another [[30]] days", 30),
             ]},
            {"label": "EU retaliation list", "role": "amount", "referent": "US exports the EU would tax in retaliation",
             "unit": "money", "differs": False, "kind": None, "members": [
                 ("LL", "own duties on [[2.8 billion]] euros", 2.8e9),
                 ("R", "retaliatory tariffs worth about [[$3.5 billion]]", 3.5e9),
             ]},
        ],
        "negatives": [
            ("R", "the [[28]] - member bloc", INCIDENTAL),
            ("M", "imported [[34.6 million]] metric tons", OTHER),
            ("LL", "above [[80 percent]] for the first time", OTHER),
            ("R", "about [[5 percent]] of U.S. steel imports", OTHER),
            ("R", "on [[$150 billion]] of Chinese goods", OTHER),
            ("LL", "the [[6.4 billion]] euros", OTHER),
        ],
        "blame": [
            ("L", "The [[Trump administration]] said on Monday that it would delay", "Donald Trump", "person",
             "author", "asserted", ["Trump", "President Trump", "Donald Trump", "White House", "Trump administration", "US", "United States"]),
            ("LL", "(Reuters) - [[President Donald Trump]] has postponed", "Donald Trump", "person", "author",
             "asserted", ["Trump", "President Trump", "Donald Trump", "White House", "Trump administration", "US", "United States"]),
            ("M", "[[President Trump]] delayed steep steel", "Donald Trump", "person", "author", "asserted", ["Trump", "President Trump", "Donald Trump", "White House", "Trump administration", "US", "United States"]),
            ("R", "the [[White House]] announced it would delay", "Donald Trump", "person", "author", "asserted", ["Trump", "President Trump", "Donald Trump", "White House", "Trump administration", "US", "United States"]),
            ("RR", "US President [[Donald Trump]] has decided to push back", "Donald Trump", "person",
             "The Wall Street Journal", "attributed", ["Trump", "President Trump", "Donald Trump", "White House", "Trump administration", "US", "United States"]),
        ],
    },
    {
        "event": "newswcl50/8", "dataset": "newswcl50", "part": "aside",
        # The NYT publishes the questions Mueller wants to ask Trump (April 30, 2018).
        "slots": [
            {"label": "questions for Trump", "role": "count", "referent": "questions Mueller wants to ask Trump",
             "unit": "questions", "differs": False, "kind": None, "members": [
                 ("L", "Mueller has [[dozens]] of inquiries", None),
                 ("L", "has at least [[four dozen]] questions", 48),
                 ("LL", "President Donald Trump [[dozens]] of open", None),
                 ("M", "a list of almost [[four dozen]] questions", 48),
             ]},
        ],
        "negatives": [
            ("R", "Mueller, [[73]],", AGE),
            ("L", "[[Four]] people, including Mr. Flynn", OTHER),
            ("R", "charges for [[four]] Trump campaign", OTHER),
            ("R", "drop the [[22]] bank and tax fraud charges", OTHER),
            ("R", "sentenced to [[30]] days in prison", OTHER),
        ],
        "blame": [
            ("L", "[[Robert S. Mueller III]], the special counsel investigating", "Robert Mueller", "person",
             "author", "asserted", ["Mueller", "Robert S. Mueller III", "Robert Mueller", "special counsel"]),
            ("LL", "Special counsel [[Robert Mueller]] hopes to ask", "Robert Mueller", "person", "author",
             "asserted", ["Mueller", "Robert S. Mueller III", "Robert Mueller", "special counsel"]),
            ("M", "Special counsel [[Robert Mueller]] has given a list", "Robert Mueller", "person",
             "The New York Times", "attributed", ["Mueller", "Robert S. Mueller III", "Robert Mueller", "special counsel"]),
            ("R", "questions [[Mueller]] has provided to Trump's lawyers", "Robert Mueller", "person",
             "The New York Times", "attributed", ["Mueller", "Robert S. Mueller III", "Robert Mueller", "special counsel"]),
            ("RR", "Special Counsel [[Robert Mueller]] has submitted questions", "Robert Mueller", "person",
             "The New York Times", "attributed", ["Mueller", "Robert S. Mueller III", "Robert Mueller", "special counsel"]),
        ],
    },
    {
        "event": "newswcl50/9", "dataset": "newswcl50", "part": "select",
        # Netanyahu presents the Iranian nuclear archive Israel seized (April 30, 2018).
        "slots": [
            {"label": "files seized", "role": "count", "referent": "Iranian nuclear files Israel obtained",
             "unit": "files", "differs": True, "kind": "conflict", "members": [
                 ("LL", "[[100,000]] secret files prove it did", 100000),
                 ("M", "[[Tens of thousands]] of secret files", None),
                 ("R", "55,000 pages and [[55,000]] files", 55000),
                 ("RR", "confirmed that [[tens of thousands]] of files", None),
                 ("RR", "had obtained [[hundreds of thousands]] of Iranian files", None),
             ]},
            {"label": "pages of the archive", "role": "count", "referent": "pages of Iranian documents",
             "unit": "pages", "differs": False, "kind": None, "members": [
                 ("L", "pored over the [[55,000]] pages", 55000),
                 ("R", "spread over [[55,000]] pages", 55000),
             ]},
            {"label": "CDs of the archive", "role": "count", "referent": "compact discs of Iranian files",
             "unit": "CDs", "differs": False, "kind": None, "members": [
                 ("L", "and [[183]] compact discs", 183),
                 ("R", "files on [[183]] CD's", 183),
             ]},
            {"label": "weight of the archive", "role": "amount", "referent": "weight of the documents",
             "unit": "tons", "differs": False, "kind": None, "members": [
                 ("M", 'obtained " [[half a ton]] " of secret', 0.5),
                 ("M", 'He said " [[half a ton]] " of evidence', 0.5),
                 ("R", 'the " [[half a ton]] " of files', 0.5),
             ]},
        ],
        "negatives": [
            ("M", "between Iran and [[six]] world powers", INCIDENTAL),
            ("R", "He called the [[$1.7 billion]]", OTHER),
            ("L", "swayed the [[three]] European leaders", INCIDENTAL),
            ("R", "obtained within the past [[10]] days", INCIDENTAL),
        ],
        "blame": [
            ("L", "the chief of Israel's intelligence agency, [[Mossad]], first informed", "Israel", "country",
             "A senior Israeli official", "attributed", ["Israeli intelligence", "Mossad", "Netanyahu", "Benjamin Netanyahu", "Israeli government"]),
            ("LL", "[[Israel]] presented on Monday what it said was evidence", "Israel", "country", "author",
             "asserted", ["Israeli intelligence", "Mossad", "Netanyahu", "Benjamin Netanyahu", "Israeli government"]),
            ("M", "[[Israel's prime minister]] says his government has obtained", "Israel", "country",
             "Benjamin Netanyahu", "attributed", ["Israeli intelligence", "Mossad", "Netanyahu", "Benjamin Netanyahu", "Israeli government"]),
            ("RR", "files seized by [[Israel]] from Iran", "Israel", "country", "author", "asserted", ["Israeli intelligence", "Mossad", "Netanyahu", "Benjamin Netanyahu", "Israeli government"]),
            ("RR", "revealed that [[Israel]] had obtained hundreds", "Israel", "country", "Benjamin Netanyahu",
             "attributed", ["Israeli intelligence", "Mossad", "Netanyahu", "Benjamin Netanyahu", "Israeli government"]),
        ],
    },
]
