/** Word lists the attribution rules rely on (folded forms). */

/** Verbs that introduce or close a quotation or reported speech. */
export const SPEECH_VERBS = new Set(
  `say says said saying tell tells told telling add adds added adding write writes wrote writing written
post posts posted posting tweet tweets tweeted state states stated stating declare declares declared
warn warns warned warning note notes noted noting argue argues argued arguing insist insists insisted
ask asks asked reply replies replied respond responds responded answer answers answered claim claims claimed
explain explains explained stress stresses stressed emphasize emphasizes emphasized emphasise emphasises emphasised
remark remarks remarked assert expressed asserts asserted continue continues continued continuing announce announces announced
acknowledge acknowledged admit admits admitted concede conceded suggest suggests suggested urge urges urged
call calls called describe describes described referred refers brand brands branded label labels labelled labeled
dismiss dismissed mock mocked quip quipped joke joked recall recalled complain complained vow vows vowed
pledge pledged promise promised predict predicted caution cautioned conclude concluded confirm confirms confirmed
deny denies denied express expressed expresses observe observed echo echoed echoes counter countered retort retorted
slam slammed blast blasted criticize criticized criticise criticised praise praised thank thanked reiterate reiterated
maintain maintained contend contended pointed point points believe believes thinks think thought
agree agreed agrees demand demanded demands accuse accused accuses hail hailed welcome welcomed
challenge challenges challenged repeat repeated wonder wondered muse mused scoff scoffed lament lamented boast boasted exclaim exclaimed
comment commented commenting condemn condemns condemned condemning calling highlight highlights highlighted highlighting
underline underlines underlined underscore underscores underscored`.split(/\s+/),
);

/** Speech verbs that take reported speech (a that-clause or a bare clause). */
export const REPORT_VERBS = new Set(
  `say says said told tells warn warns warned argue argues argued insist insists insisted stress stresses stressed
emphasize emphasized emphasise emphasised note notes noted claim claims claimed state states stated add adds added
write writes wrote post posted confirm confirms confirmed announce announces announced assert asserts asserted
explain explains explained suggest suggests suggested predict predicted declare declares declared acknowledge acknowledged
admit admits admitted believe believes think thinks reiterate reiterated maintain maintained contend contended
remark remarked expressed concede conceded called calls vow vowed pledged promised urge urged urges
commented highlighted highlights underlined underscored`.split(/\s+/),
);

/** Words that may stand between a subject and its verb: "Trump later said". */
export const ADVERBS = new Set(
  `also later then again further simply firmly directly publicly separately reportedly previously once repeatedly
quickly earlier already recently has had have was is just even still had flatly bluntly openly privately angrily
initially subsequently first finally herself himself themselves itself tersely sharply curtly`.split(/\s+/),
);

export const PREPOSITIONS = new Set(
  `by with to of about against at for from on in into over under between among toward towards after before than
like without upon via including alongside behind near beside besides beyond`.split(/\s+/),
);

export const PRONOUNS: Record<string, 'he' | 'she' | 'they' | 'it'> = { he: 'he', she: 'she', they: 'they', it: 'it' };

/** Titles and descriptors stripped from the front of a name found on the page. */
export const TITLE_WORDS = new Set(
  `president vice prime minister foreign defense defence secretary state chancellor representative rep sen senator
congressman congresswoman spokesman spokeswoman spokesperson gen general lt col colonel admiral ambassador envoy
special mr mrs ms dr prof professor sir dame lord lady king queen prince pope former acting deputy chief executive
officer ceo cfo coo financial operating technology information marketing founder chairman chairwoman chair head director leader governor mayor commissioner high national security
advisor adviser press interior economy finance trade energy justice attorney speaker majority minority house
u s us uk eu un nato the a an his her their its then new top senior official lawmaker mp mep commission council
european french german polish british russian ukrainian american lithuanian estonian latvian italian spanish dutch
belgian swedish finnish norwegian danish czech slovak hungarian romanian bulgarian canadian australian japanese chinese
turkish israeli saudi iranian belarusian georgian moldovan irish greek austrian swiss portuguese republican democrat
democratic republicans democrats nebraska texas florida ohio california pm`.split(/\s+/),
);

/** Name particles allowed in lower case inside a name: "Ursula von der Leyen". */
export const NAME_PARTICLES = new Set(['von', 'der', 'van', 'de', 'da', 'di', 'la', 'le', 'du', 'al', 'bin', 'ibn', 'dos', 'del']);

/**
 * Capitalised words that are not people even when they stand next to a speech verb
 * ("Ukraine said", "Moscow warned") or open a sentence.
 */
export const NOT_NAMES = new Set(
  `the a an he she it they we i you this that these those there here his her their its our my your one
in on at by for from with of to as and but or nor so yet if when while after before since because although though
however meanwhile also still then now today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
ukraine russia america europe britain france germany poland italy spain china india japan turkey israel iran
us usa uk eu un nato kremlin kyiv kiev moscow washington london paris berlin brussels warsaw rome madrid beijing
riyadh jeddah munich minsk crimea donbas donbass white house pentagon congress senate parliament government
ukrainian russian american european british french german polish officials official analysts experts critics
others some many most both all several allies leaders sources reporters people observers diplomats ministers
read more also related advertisement photo video watch listen click subscribe share reuters ap afp bloomberg
cnn bbc fox nbc abc cbs msnbc npr tass ria interfax ukrinform x truth social telegram facebook twitter instagram
mr mrs ms dr president secretary minister chancellor prime
assembly council committee ministry duma rada office department agency army forces staff command federation
moderator interviewer host audience question answer quote quotation details source sources update background context
note summary west east alliance spaniard frenchman briton breaking exclusive live opinion analysis explainer summit
ukrainians russians americans europeans politico axios guardian telegraph independent newsweek index
earlier despite instead police church affairs`.split(/\s+/),
);

export const NEGATORS = new Set(
  `not no never without cannot nor neither hardly barely nobody nothing none isn't aren't wasn't weren't don't doesn't
didn't won't wouldn't can't couldn't shouldn't mustn't haven't hasn't hadn't refuse refuses refused rejects rejected
reject against deny denies denied ruled rule rules oppose opposes opposed`.split(/\s+/),
);

export const STOPWORDS = new Set(
  `the a an and or but of to in on at by for with from as is are was were be been being that this these those it its
he she they we i you his her their our my your him them us me there here so if then than not no do does did has have
had will would can could should may might must shall just very also about into over out up down what which who whom
whose when where why how all any some more most such only own same too s t`.split(/\s+/),
);
