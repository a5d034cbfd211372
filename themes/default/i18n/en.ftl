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
footer-about = This portal is the resolution tracking system announced in paragraph 49 of report { $symbol }; it is updated every six months with each new report.
footer-data = Open data
footer-feed = Updates feed (Atom)
footer-sitemap = Sitemap
unofficial-notice = This English text is an unofficial translation of the { $source } edition of { $symbol }, made for this portal. The official text is the United Nations document:
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
para-range = { $count ->
    [one] para. { $range }
   *[other] paras { $range }
}

## Statuses
status = Implementation status
status-completed = Completed
status-in-progress = In progress
status-limited-progress = Limited progress
status-not-started = Not started
status-not-reported = Not reported
status-none = No report yet
funding-status = Funding
funding-funded = Funded
funding-partly-funded = Partly funded
funding-unfunded = Unfunded
funding-not-stated = Not stated in the report

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
cite-text = { $symbol }, { $paras }: implementation of resolution { $id }.
other-language = This page in English
footnotes = Notes

## Funding
funding-title = Funding gaps
funding-intro = Most resolutions are held back by limited funding. For each resolution: what funding the latest report names, what it says is lacking, and its consequences. Amounts appear only where the report states one.
funding-chart-title = Resolutions by funding status
funding-chart-desc = Bar chart: { $summary }
funding-chart-item = { $label }: { $count }
funding-counts-caption = Number of resolutions in each funding status (same data as the chart)
funding-table-caption = Session { $session }: funding by resolution
col-funders = Funders and sources named
col-lacking = Lacking, and consequences
col-amounts = Amounts
col-evidence = Evidence
col-count = Resolutions
not-stated = not stated in the report
funding-amount = { $kind }: { $approx ->
    [yes] about { $currency } { $value }
   *[no] { $currency } { $value }
}
amount-required = required
amount-received = received
amount-gap = gap
amount-allocated = allocated
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
