"""The word lists the sentence splitter consults: abbreviations that never (or may) end a
sentence, words that open one, and label words before a single capital letter."""

# Words before a period that never end a sentence: they always introduce what follows.
NEVER_FINAL = frozenset(
    """
    e.g. i.e. cf. vs. viz. w.r.t. a.k.a. approx. incl. esp.
    fig. figs. sec. secs. sect. eq. eqs. tab. tabs. alg. algs. app. apps. thm. thms. lem. def.
    defn. cor. prop. ref. refs. ch. chap. vol. ex. dr. prof. mr. mrs. ms. mt. st.
    """.split()
)
# Of those, lowercase units after a number (`2 ms.`): they may end a sentence.
UNITS_NOT_TITLES = frozenset(["ms."])
# Words before a period that never end a sentence when a number follows (`No. 5`, `p. 55`).
NUMBER_PREFIX = frozenset("no. nos. nr. n°. p. pp.".split())
# Abbreviations that may end a sentence: a capitalised next word starts a new one.
MAY_END = frozenset("etc. al. resp. i.i.d. ibid. corp. inc. ltd. co. jr. sr. ph.d.".split())
# Words that typically open a sentence; after an initialism or an initial they mark a boundary.
OPENING_WORDS = frozenset(
    """
    a an the this that these those it its it's we our us they their he she his her you your i
    there here however thus therefore hence moreover furthermore finally first second third next
    then also but and or so yet in on at for to as by with without from of unlike like while when
    whereas if since because although though after before during once each every all both many
    most some such other another one two three how what why where which who whose do does did is
    are was were be can could will would should may might must has have had not no only even
    still despite given see note let consider instead overall today recently specifically
    importantly notably indeed similarly likewise meanwhile nevertheless nonetheless otherwise
    accordingly consequently additionally besides fortunately unfortunately interestingly
    surprisingly clearly
    """.split()
)
# Label words before a single capital letter (`Appendix A.`): the letter is not an initial.
LABELS = frozenset(
    """
    appendix section table figure part step phase type class case group level layer stage tier
    model plan option variant setting scenario algorithm theorem lemma definition method policy
    node server cluster region zone dataset workload version
    """.split()
)

# an ellipsis carried by one of these is a pause, not a sentence's end (`Rouse, and... Talen`)
PAUSE_WORDS = frozenset(("and", "or", "but", "nor"))
