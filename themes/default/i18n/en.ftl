# UI strings, English. Every message here must also exist in every other language's file.

## Layout
skip-to-content = Skip to main content
nav-main = Main
nav-home = Home
nav-resolutions = Resolutions
nav-funding = Funding
nav-search = Search
nav-language = Language
nav-report = Report { $symbol }
search-label = Search the portal
search-button = Search
footer-about = An independent tracker of the resolutions of the United Nations Habitat Assembly, built from the reports of the Executive Director. It is not an official United Nations or UN-Habitat site, nor the official resolution tracking system.
footer-method = About this portal and its labels
footer-data = Open data
footer-feed = Updates feed (Atom)
footer-sitemap = Sitemap
unofficial-notice = { $count ->
    [one] This English text is an unofficial translation of the { $source } edition of { $symbol }, made for this portal. The official text is the United Nations document:{" "}
   *[other] This English text is an unofficial translation of the { $source } editions of { $symbol }, made for this portal. The official texts are the United Nations documents:{" "}
}
unofficial-short = unofficial translation
official-document = { $symbol } (official document)
not-translated = Not yet translated: this text is shown in { $language }.
breadcrumb = Breadcrumb

## Dates and numbers
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
date-year = { $year }
number-group-separator = ,
# Round numbers are written as a multiple of the largest of these that divides them: "value word|…".
number-scales = 1000000000 billion|1000000 million
count-item = { $qualifier ->
    [estimated] an estimated { $value }
    [about] about { $value }
    [more-than] more than { $value }
   *[none] { $value }
} { $what }
para-range = { $count ->
    [one] para. { $range }
   *[other] paras { $range }
}

## Statuses (defined on the about page; content/vocabulary.yaml lists the wording that entails each)
status = Implementation status
status-completed = Completed
status-completed-def = The report says that the work the resolution asks for is done.
status-limited-progress = Limited progress
status-limited-progress-def = The report says that progress has been limited, and does not give lack of funds as the cause.
status-held-back-by-funding = Held back by funding
status-held-back-by-funding-def = The report says that a step the resolution asks for has not been taken, that work has been curtailed, or that progress has been limited, because funds were not provided or are constrained: it gives lack of funds as the cause. Other work may go on.
status-significant-progress = Significant progress
status-significant-progress-def = The report itself says that significant progress has been made in implementing the resolution.
status-phase-completed = Phase completed
status-phase-completed-def = The report says that a phase of the work has ended. A further phase may be in preparation; the label says nothing of it.
status-milestone-reached = Milestone reached
status-milestone-reached-def = The report says that a specific output or step of the work has been completed, set up, approved or endorsed, or calls it a first step. It does not mean the resolution is implemented.
status-in-progress = Work under way
status-in-progress-def = The report describes work on the resolution carried out or under way in the period it covers, and makes none of the statements above.
status-not-started = Not started
status-not-started-def = The report says that work on the resolution has not started.
status-not-reported = Not reported
status-not-reported-def = The report says nothing about the resolution.
status-none = No report yet
funding-status = Funding
funding-amount-stated = Amount stated
funding-amount-stated-def = The report states a sum of money in its paragraphs on the resolution. The portal shows the sum and what the report says it is for; it does not judge whether the sum meets the need, nor that it funds UN-Habitat's own work on the resolution.
funding-funds-and-shortfall-stated = Funds and shortfall stated
funding-funds-and-shortfall-stated-def = The report says where some funds for the work come from, and also that funds are absent, limited or not yet provided.
funding-shortfall-stated = Shortfall stated
funding-shortfall-stated-def = The report says that funds are absent, limited or not provided, and names no funds.
funding-need-stated = Need stated
funding-need-stated-def = The report says that funding is needed or critical, without naming funds or stating a shortfall.
funding-funds-stated = Funds stated
funding-funds-stated-def = The report names a source of funds for some of the work, or says resources have been secured, and states no shortfall. It does not say that the resolution is fully funded.
funding-nothing-stated = Nothing stated
funding-nothing-stated-def = The report says nothing about funding for the resolution.
judgement-label = { $kind }:{" "}
judgement-evidence = The report's words
judgement-original = Official text ({ $language }):
judgement-none = The report says nothing about funding for this resolution.
judgement-define = What this label means
quoted = “{ $text }”

## Home
home-intro = How the { $count } resolutions adopted by the United Nations Habitat Assembly are being implemented, as reported by the Executive Director to the Executive Board.
home-by-session = Resolutions by session
home-session = Session { $number } ({ $year })
home-status-counts = Status at a glance
home-status-caption = Number of resolutions by implementation status, according to the latest report
home-funding-counts = Funding at a glance
home-funding-caption = Number of resolutions by funding status, according to the latest report
home-latest-report = Latest report:
home-count = Resolutions
home-all = All resolutions

## Resolutions
resolutions-title = Resolutions
resolutions-caption = All resolutions with their latest implementation and funding status
col-number = Number
col-title = Title
col-session = Session
col-status = Status
col-funding = Funding
resolution-title = Resolution { $id }
resolution-page-title = Resolution { $id }: { $title }
resolution-description = Resolution { $id }: { $title }. Implementation status: { $status }. Funding: { $funding }.
resolution-session = Session { $session }, { $year }
resolution-official = Official text: { $symbol }
resolution-topics = Topics
resolution-background = Background
resolution-latest = What the latest report says
resolution-source = Source:
resolution-no-update = No report has covered this resolution yet.
para-label = Paragraph { $n }
# The sign before a paragraph number, as in "¶ 38".
para-sign = ¶
para-in-report = in the report
status-basis = judged from
facts = Facts in this update
facts-acts-on = Resolution paragraphs acted on
facts-acts-on-item = Paragraph { $paragraph } of the resolution
facts-events = Events
facts-partners = Partners and institutions
facts-places = Places
facts-counts = Figures
facts-documents = Documents referred to
fact-source = source: { $para }
history = History of updates
history-caption = Every report on this resolution, oldest first
col-report = Report
col-date = Date
col-paragraphs = Paragraphs
cite = Cite this page
cite-stable-url = Stable link:
other-language = This page in English
footnotes = Notes

## Funding
funding-title = Funding gaps
funding-intro = For each resolution: what the latest report says about its funding, what it says is lacking and its consequences, each with its paragraph. Amounts appear only where a source states one, with the source and its date.
funding-chart-title = Resolutions by funding status
funding-chart-count = { $count ->
    [one] 1 resolution
   *[other] { $count } resolutions
}
funding-table-caption = Session { $session }: funding by resolution
col-funders = Funders and sources named
col-lacking = Lacking, and consequences
col-amounts = Amounts
col-evidence = Evidence
col-count = Resolutions
not-stated = not stated in the report
funding-amount = { $kind }: { $approx ->
    [yes] about { $money }
   *[no] { $money }
}
money = { $currency ->
    [USD] US${ $value }
    [EUR] €{ $value }
   *[other] { $currency } { $value }
}
amount-required = required
amount-received = received
amount-gap = gap
amount-allocated = allocated
amount-being-allocated = being allocated
funding-download = Download the data
funding-data-csv = Funding, CSV (UTF-8, opens in spreadsheets)
funding-data-json = Funding, JSON
resolutions-data-json = Resolutions and updates, JSON
funding-mechanisms = Funding mechanisms
funding-section = Funding
funding-lacking = Lacking
funding-consequences = Consequences
funding-sources = Funders and sources named
funding-amounts = Amounts
funding-evidence = evidence:
window-established = Created under resolution { $id }.
window-from-report = What report { $symbol } says
window-events = Milestones
window-documents = Documents

## Report
report-symbol = Document symbol
report-date = Date
report-body = Issued for
report-meeting = Meeting
report-agenda = Agenda item
report-author = Author
report-period = Period covered
report-original = Original language
report-languages = Texts on this portal
report-official = official text
report-unofficial = unofficial translation of the { $source } edition
report-contents = Contents
report-documents = Documents referred to
report-cover-note = Note on the cover page
period-range = { $start } to { $end }
language-en = English
language-zh = Chinese

## Search
search-title = Search
search-intro = Search resolutions, paragraphs, places, partners and topics, in English or Chinese.
search-noscript = Search needs JavaScript, which is off in your browser. Browse the list of all resolutions instead:
search-results = Results
search-count = { $count ->
    [0] No results for “{ $query }”.
    [one] 1 result for “{ $query }”.
   *[other] { $count } results for “{ $query }”.
}
search-other = { $count ->
    [one] No results in { $here }; 1 result in { $there } for “{ $query }”:
   *[other] No results in { $here }; { $count } results in { $there } for “{ $query }”:
}
search-loading = Searching…
search-error = Search is unavailable: the index could not be loaded.

## Entry and errors
entry-title = Choose a language
notfound-title = Page not found
notfound-text = There is no page at this address. It may have moved, or the address may be mistyped.
notfound-home = Go to the home page

## Feed
feed-title = { $site }: updates
feed-entry = Resolution { $id } in { $report }: { $status }

## About
about-title = About this portal and its labels
about-description = Who publishes this portal, from which sources, and how each status and funding label is defined and assigned from the words of the report.
about-method = How labels are assigned
about-method-intro = Every status and funding label on this portal is a reading of the report's own words, never a verdict stronger than the text.
about-method-quote = Each label carries the exact words of the report that support it: a verbatim quote of the Chinese paragraph, its English rendering, and the paragraph number, shown beside the label.
about-method-cues = Each label below lists the wordings of the report that entail it. A quote must contain one of them.
about-method-order = When the words entail several labels, the first in the list below applies, so the same wording always gets the same label.
about-method-check = The portal's build checks every quote against the report's text and against these wordings, and refuses to publish a label its quote does not support.
about-status-labels = Implementation status labels
about-status-intro = In order of precedence: the first label whose wording the quote contains applies.
about-funding-labels = Funding labels
about-funding-intro = These describe what the report states about funding, not whether a resolution is funded. In order of precedence.
about-cues = Report wording that entails it ({ $language }):
paren-open = {" "}(
paren-close = )
colon = :{" "}
semicolon = ;{" "}
full-stop = .
comma = ,{" "}
list-separator = ,{" "}
news-source = Resolution { $id }, paragraph { $n } of the latest report

## Citing a paragraph
# The opening of a citation: who, what, which document, when.
cite-head = { $author }, “{ $title }”, { $symbol }, { $date }
cite-para = { $head }, para. { $para }.
cite-paras = { $head }, { $paras }, on resolution { $id } ({ $restitle }).
# Said by every citation quoting a translation made by this site.
cite-unofficial = Quoted from this site’s unofficial English translation of the { $source } edition; official document: { $symbol }, { $url }.
cite-official = Official document: { $symbol }, { $url }.
# Between the sentences of a citation: a space in English, none in Chinese.
cite-sep = {" "}
cite-label = Citation:
cite-copy = Copy citation
cite-copy-label = Copy citation of paragraph { $n }
cite-para-res = { $head }, para. { $para }, on resolution { $id } ({ $restitle }).
cite-copy-label-res = Copy citation of paragraph { $n } (resolution { $id })
# The copy button's own label for a few seconds after a copy (the live region says cite-copied).
cite-copy-done = Copied ✓
# Under a paragraph's shown citation: the same paragraph in this bundle's language.
para-other-language = Paragraph { $n } in English
cite-copied = Citation copied to the clipboard.
cite-copy-failed = Could not copy: select the citation shown under the paragraph and copy it.

## Browsing: filters, sorting, topics
nav-topics = Topics
filters = Filter and sort the resolutions
filter-session = Session
filter-status = Status
filter-funding = Funding
filter-shortfall = Funding shortfall
filter-topic = Topic
filter-sort = Sort
filter-all = All
sort-number = By number
sort-latest = By latest change
# Shown by the list and updated by the script: "%n" and "%t" stand for numbers.
filter-count = { $shown } of { $total } resolutions shown.
filter-hint = Choose one value in each group; the groups combine.
filter-reset = Show all resolutions
resolutions-filtered-title = Resolutions: { $facet }, { $value }
resolutions-latest-title = Resolutions by latest change
resolutions-filtered-title-2 = Resolutions: { $facet }, { $value }; { $facet2 }, { $value2 }
resolutions-sorted-latest = { $title }, by latest change
# The filter panel's summary (folded on phones): "Filter and sort: Status: Held back by funding; Session: …".
filter-summary = Filter and sort:
filter-active = { $facet }: { $value }
filter-active-sep = {"; "}
filter-none-active = no filter
# The table's caption once the script has combined filters; "%s" lists them.
filter-caption = Resolutions with { $filters }
filter-empty = No resolution matches all these filters.
filter-clear = Clear the filters
filter-two-groups = Without JavaScript, two groups combine: choose “All” in one of them to choose here.
filter-topic-js = Without JavaScript, topics do not combine with other filters; each topic has its own page:
col-changed = Latest report
topics-title = Topics
topics-intro = Resolutions by subject. Each topic lists the resolutions tagged with it, with their latest status.
topics-order = Topics shared by the most resolutions come first; topics with as many keep the order of the topic list.
back-to-contents = ↑ Back to contents
topic-count = { $count ->
    [0] no resolution
    [one] 1 resolution
   *[other] { $count } resolutions
}
topic-caption = Resolutions on this topic, with their latest implementation and funding status
topic-none = No resolution is tagged with this topic yet.
funding-order = Order the tables:
funding-by-session = by session
funding-by-need = by need (what is lacking first)
funding-need-group-named = Shortfall named ({ $count }), most lacking first
funding-need-group-none = No shortfall named ({ $count })

## Tracking over time: reports index, what changed, timelines
nav-reports = Reports
reports-title = Reports
reports-intro = Every progress report on the resolutions, newest first, with what changed since the one before.
reports-count = Resolutions reported on
reports-changes-link = What changed since { $previous }
reports-first = The first report tracked here.
changes-title = What changed in { $symbol }
changes-crumb = What changed
changes-intro = Report { $symbol } compared with the report before it, { $previous }: status and funding judgements, amounts, and the events, partners, places and counts newly reported.
changes-summary = { $changed ->
    [one] 1 resolution changed
   *[other] { $changed } resolutions changed
}, { $added } newly reported, { $dropped } no longer reported.
changes-summary-unchanged = { $count ->
    [0] {""}
    [one] {" "}1 resolution reported in both without change.
   *[other] {" "}{ $count } resolutions reported in both without change.
}
mark-unchanged = No change
changes-unchanged = No change in status, funding or figures from { $previous } to { $symbol }, and no new fact.
# Facts the earlier report gave that the later one does not repeat (not a change of the facts).
mark-unmentioned = Not repeated
changes-unmentioned = { $symbol } no longer mentions these facts, which { $previous } stated:
fact-kind-event = Event
fact-kind-partner = Partner
fact-kind-place = Place
fact-kind-count = Count
changes-data-csv = Changes, CSV
changes-data-json = Changes, JSON
changes-none = Nothing changed.
changes-added = Newly reported in { $symbol }:
changes-dropped = Not reported in { $symbol }; last reported in { $previous }:
changes-see-all = Everything that changed in { $symbol }
mark-added = New
mark-dropped = No longer reported
mark-changed = Changed
mark-revised = revised
mark-stated = newly stated
mark-currency-changed = currency changed: the amounts are not compared
change-field-status = Status
change-field-funding-status = Funding
change-field-requirement = Requirement
change-field-mobilized = Mobilized
change-field-event = New event
change-field-partner = New partner
change-field-place = New place
change-field-count = Count
change-field-amount = Amount
change-not-stated = not stated
resolution-since = What changed since { $previous }
resolution-newly-reported = The latest report covers this resolution for the first time.
resolution-no-longer-reported = Report { $symbol } does not report on this resolution; what is shown is the last report that did.
resolution-all-changes = All changes in { $symbol }
strip-title = Status (upper bar) and funding (lower bar) in each report, oldest first; the table below says the same in words.
col-as-of = As of
col-requirement = Requirement
col-mobilized = Mobilized
col-gap = Gap
figure-revised-from = revised from { $amount }
figure-restated-from = restated in another currency (earlier { $amount })
figure-over-funded = over-funded by { $amount }
figure-percent = { $value } %
figure-as-of = as of { $date }
older-reports = What earlier reports said
older-summary = { $symbol } ({ $date })
home-changes = What changed in { $symbol } since { $previous }
home-changes-more = …and { $count } more changes of status or funding.
feed-report-changes = { $symbol } compared with { $previous }: { $count } resolutions with changes.
feed-report-first = { $symbol }: the first report tracked, on { $count } resolutions.
feed-report-more = …and { $count } more resolutions with changes.
funding-totals = Totals of stated figures
funding-totals-cover = These totals cover only the { $count } of { $total } resolutions whose latest report states both a requirement and the resources mobilized; the others are not counted.
funding-totals-caption = Sums of the latest stated figures, per currency (never converted)
col-currency = Currency
col-over-funded = Over-funded by

## The one answer to "is a funding shortfall named?"
shortfall-heading = Held back by funding?
shortfall-lead = The latest report on each resolution names a lack of funds for
shortfall-count = { $count } of { $total } { $total ->
    [one] resolution
   *[other] resolutions
}
shortfall-rule-link = How this is decided
shortfall-finding = { $symbol } itself says:
shortfall-named = Shortfall named
shortfall-none = No shortfall named
shortfall-named-def = The report's words give lack of funds as the cause of the state of work (status “Held back by funding”), or say that funding is lacking (funding “Shortfall stated” or “Funds and shortfall stated”). Derived from the two labels of the latest report, never set by hand.
shortfall-none-def = Neither label of the latest report names a lack of funds. The report may still say that funding is needed (“Need stated”), or say nothing of funding.
about-shortfall-labels = Funding shortfall named
about-shortfall-intro = One answer, the same on every page and in every data file, to the question “is this resolution held back by funding?”.
definition = definition
definition-of = Definition of “{ $label }”
count-of = { $count }: list the resolutions labelled “{ $label }”

## Figures of official trackers
funding-see-figures = See the figures in the funding column
tracker-section = Figures published by official trackers
tracker-intro = Each figure as its source states it, with the day it was read; amounts in whole units of the currency. A value the source does not state is computed and marked so. A change between two readings is a revision by the source, not progress.
tracker-caption = Tracker readings on resolution { $id }, oldest first
tracker-computed = (computed)
tracker-revised-down = revised down from { $amount }
tracker-revised-up = revised up from { $amount }
tracker-unit-changed = The source changed its currency from { $from } to { $to }: the figures are not compared with the reading before.
tracker-disagrees = The sources disagree on the { $field }: { $report } in { $symbol }, { $tracker } in the { $source } (read on { $date }).
tracker-official-link-lead = Figures the site does not hold (requirement, resources mobilized, funding gap) are published by the
tracker-totals-h = Totals as { $source } states them
tracker-totals-caption = { $source }, read on { $date }: all resolutions and totals
tracker-totals-row = Total (as the source states it)
tracker-funding-h = Figures of official trackers
tracker-funding-intro = The latest reading of each tracker. Its totals are the source's own, not a sum made here.
col-source = Source
col-read = Read on
col-source-status = Status (the source's words)
col-gap-percent = Gap %
tracker-field-requirement = requirement
tracker-field-mobilized = resources mobilized
col-report-date = Report date
resolutions-data-csv = Resolutions and their latest status, CSV
trackers-data-json = Tracker readings as stated, JSON
search-corrected = Not found as typed: { $words }. Showing the nearest words of the text instead (highlighted below).
search-dropped = Found nowhere, so left out: { $words }.
search-partial = No page has all the words: each result below has some of them, and names the ones it lacks.
search-lacks = Not on this page: { $words }
search-suggest = Try:
figure-source = {" "}(stated in { $symbol }, { $date })

## Issue 26, h-contact: where to report an error; the entry page's title; "no change" on a resolution page; contents at hand.
footer-contact = Report an error
about-contact = Reporting an error
about-contact-intro = If a label, a quote, a figure or a translation is wrong, please say so, giving the page's address and the paragraph number (the ¶ number beside each paragraph links to the paragraph's own address). Corrections are made in the content files and published with the next build.
about-contact-tracker = Report it at
about-contact-email = Write to
about-contact-none = This copy of the site names no address for reports.
resolution-no-change = Since { $previous }: no change in status or funding.
report-contents-jump = Contents
