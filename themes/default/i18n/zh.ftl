# 界面文字，中文。每条消息都必须在其他语言的文件中存在。

## Layout
skip-to-content = 跳到主要内容
nav-main = 主导航
nav-home = 首页
nav-resolutions = 决议
nav-funding = 资金
nav-search = 搜索
nav-language = 语言
nav-report = 报告 { $symbol }
search-label = 搜索本网站
search-button = 搜索
footer-about = 本网站根据执行主任的报告，独立跟踪联合国人居大会各项决议的执行情况。本网站不是联合国或人居署的官方网站，也不是正式的决议执行情况跟踪系统。
footer-method = 关于本网站及其标签
footer-data = 开放数据
footer-feed = 更新订阅（Atom）
footer-sitemap = 网站地图
# The page's own language (this bundle's) is the translation; $source is the edition it was made from.
unofficial-notice = 本页中文为本网站据{ $source }版 { $symbol } 所作的非官方译文。正式文本为联合国文件：
unofficial-short = 非官方译文
official-document = { $symbol }（正式文件）
not-translated = 尚未翻译：此处文字以{ $language }显示。
breadcrumb = 路径

## Dates and numbers
month-1 = 1
month-2 = 2
month-3 = 3
month-4 = 4
month-5 = 5
month-6 = 6
month-7 = 7
month-8 = 8
month-9 = 9
month-10 = 10
month-11 = 11
month-12 = 12
date-day = { $year } 年 { $month } 月 { $day } 日
date-month = { $year } 年 { $month } 月
date-year = { $year } 年
number-group-separator = {"\u00A0"}
# 整数若为下列单位的整倍数，则以最大的单位书写（"数值 单位|…"）。
number-scales = 100000000 亿|10000 万
count-item = { $what }：{ $qualifier ->
    [estimated] 估计 { $value }
    [about] 约 { $value }
    [more-than] { $value } 多
   *[none] { $value }
}
para-range = 第 { $range } 段

## Statuses (defined on the about page; content/vocabulary.yaml lists the wording that entails each)
status = 执行状况
status-completed = 已完成
status-completed-def = 报告称决议要求的工作已经完成。
status-limited-progress = 进展有限
status-limited-progress-def = 报告称进展有限，且未将资金不足列为原因。
status-held-back-by-funding = 受资金制约
status-held-back-by-funding-def = 报告称，由于资金未提供或受到限制，决议要求的某个步骤尚未实施、工作受到限制或进展有限：报告将资金不足列为原因。其他工作可能仍在进行。
status-significant-progress = 取得重大进展
status-significant-progress-def = 报告本身称决议的执行工作取得了重大进展。
status-phase-completed = 一个阶段已结束
status-phase-completed-def = 报告称工作的一个阶段已经结束。下一阶段可能正在筹备，本标签对此不作判断。
status-milestone-reached = 达到节点
status-milestone-reached-def = 报告称工作的某项具体成果或步骤已经完成、设立、核准或核可，或称之为第一步。这不表示决议已经执行完毕。
status-in-progress = 工作正在进行
status-in-progress-def = 报告描述了在所涉期间已开展或正在开展的该决议相关工作，且没有上述任何一种说法。
status-not-started = 尚未开始
status-not-started-def = 报告称该决议的工作尚未开始。
status-not-reported = 未报告
status-not-reported-def = 报告没有提及该决议。
status-none = 尚无报告
funding-status = 资金
funding-amount-stated = 载明金额
funding-amount-stated-def = 报告在关于该决议的段落中载明了一笔款项。本网站列出该款项及报告所述用途，不判断其是否满足需要，也不认定其用于人居署本身执行该决议的工作。
funding-funds-and-shortfall-stated = 载明资金及不足
funding-funds-and-shortfall-stated-def = 报告既说明了部分工作资金的来源，也说明资金缺乏、有限或尚未提供。
funding-shortfall-stated = 载明资金不足
funding-shortfall-stated-def = 报告称资金缺乏、有限或未提供，且未提及任何资金。
funding-need-stated = 载明资金需要
funding-need-stated-def = 报告称资金必要或至关重要，但未提及资金来源，也未说明资金不足。
funding-funds-stated = 载明资金来源
funding-funds-stated-def = 报告提及部分工作的资金来源，或称资源已经得到保障，且未说明资金不足。这不表示决议已获全额资助。
funding-nothing-stated = 未提及资金
funding-nothing-stated-def = 报告没有提及该决议的资金情况。
judgement-label = { $kind }：
judgement-evidence = 报告原文
judgement-original = 正式文本（{ $language }）：
judgement-none = 报告没有提及该决议的资金情况。
judgement-define = 此标签的含义
quoted = “{ $text }”

## Home
home-intro = 执行主任向执行局报告的联合国人居大会所通过 { $count } 项决议的执行情况。
home-by-session = 各届会议的决议
home-session = 第 { $number } 届会议（{ $year } 年）
home-status-counts = 执行状况一览
home-status-caption = 按最新报告，各执行状况的决议数目
home-funding-counts = 资金状况一览
home-funding-caption = 按最新报告，各资金状况的决议数目
home-latest-report = 最新报告：
home-count = 决议数
home-all = 全部决议

## Resolutions
resolutions-title = 决议
resolutions-caption = 全部决议及其最新执行和资金状况
col-number = 编号
col-title = 标题
col-session = 届会
col-status = 状况
col-funding = 资金
resolution-title = 第 { $id } 号决议
resolution-page-title = 第 { $id } 号决议：{ $title }
resolution-description = 第 { $id } 号决议：{ $title }。执行状况：{ $status }。资金：{ $funding }。
resolution-session = 第 { $session } 届会议，{ $year } 年
resolution-official = 正式文本：{ $symbol }
resolution-topics = 主题
resolution-background = 背景
resolution-latest = 最新报告的内容
resolution-source = 出处：
resolution-no-update = 尚无报告述及本决议。
para-label = 第 { $n } 段
# The sign before a paragraph number, as in "¶ 38".
para-sign = ¶
para-in-report = 见报告
status-basis = 依据
facts = 本次更新中的事实
facts-acts-on = 所执行的决议段落
facts-acts-on-item = 决议第 { $paragraph } 段
facts-events = 活动
facts-partners = 伙伴和机构
facts-places = 地点
facts-counts = 数字
facts-documents = 所提及的文件
fact-source = 出处：{ $para }
history = 历次更新
history-caption = 述及本决议的各份报告，按时间先后
col-report = 报告
col-date = 日期
col-paragraphs = 段落
cite = 引用本页
cite-stable-url = 固定链接：
other-language = 本页中文版
footnotes = 注

## Funding
funding-title = 资金缺口
funding-intro = 每项决议：最新报告对其资金的说明、报告所称缺少的资金及其后果，均附段落。金额仅在来源载明时列出，并注明来源及日期。
funding-chart-title = 各资金状况的决议数目
funding-chart-count = { $count } 项决议
funding-table-caption = 第 { $session } 届会议：各决议的资金
col-funders = 提到的资助方和来源
col-lacking = 缺少的资金及后果
col-amounts = 金额
col-evidence = 依据
col-count = 决议数
not-stated = 报告未说明
funding-amount = { $kind }：{ $approx ->
    [yes] 约 { $money }
   *[no] { $money }
}
money = { $currency ->
    [USD] { $value }美元
    [EUR] { $value }欧元
   *[other] { $value } { $currency }
}
amount-required = 所需
amount-received = 已收到
amount-gap = 缺口
amount-allocated = 已拨款
amount-being-allocated = 正在拨款
funding-download = 下载数据
funding-data-csv = 资金，CSV（UTF-8，可用电子表格打开）
funding-data-json = 资金，JSON
resolutions-data-json = 决议和更新，JSON
funding-mechanisms = 供资机制
funding-section = 资金
funding-lacking = 缺少
funding-consequences = 后果
funding-sources = 提到的资助方和来源
funding-amounts = 金额
funding-evidence = 依据
window-established = 根据第 { $id } 号决议设立。
window-from-report = 报告 { $symbol } 的内容
window-events = 重要节点
window-documents = 文件

## Report
report-symbol = 文号
report-date = 日期
report-body = 提交对象
report-meeting = 会议
report-agenda = 议程项目
report-author = 作者
report-period = 涵盖期间
report-original = 原文语言
report-languages = 本网站的文本
report-official = 正式文本
report-unofficial = 据{ $source }版所作的非官方译文
report-contents = 目录
report-documents = 所提及的文件
report-cover-note = 封面注
period-range = { $start }至 { $end }
language-en = 英文
language-zh = 中文

## Search
search-title = 搜索
search-intro = 用中文或英文搜索决议、段落、地点、伙伴和主题。
search-noscript = 搜索需要 JavaScript，但您的浏览器已将其关闭。请改为浏览全部决议列表：
search-results = 搜索结果
search-count = { $count ->
    [0] 没有找到“{ $query }”的结果。
   *[other] 找到 { $count } 条“{ $query }”的结果。
}
search-other = { $count ->
   *[other] { $here }中没有结果；以下是{ $there }中“{ $query }”的 { $count } 条结果：
}
search-loading = 正在搜索……
search-error = 搜索暂不可用：无法加载索引。

## Entry and errors
entry-title = 选择语言
notfound-title = 找不到网页
notfound-text = 此地址没有网页。网页可能已移动，或地址有误。
notfound-home = 前往首页

## Feed
feed-title = { $site }：更新
feed-entry = 第 { $id } 号决议（{ $report }）：{ $status }

## About
about-title = 关于本网站及其标签
about-description = 本网站由谁发布、资料来源，以及每个执行状况和资金标签的定义和依据报告原文确定标签的方法。
about-method = 标签如何确定
about-method-intro = 本网站的每个执行状况和资金标签都是对报告原文的解读，绝不作出比原文更强的判断。
about-method-quote = 每个标签都附有支持它的报告原文：中文段落的逐字引文、其英文译文和段落编号，与标签并列显示。
about-method-cues = 下列每个标签都列出蕴含该标签的报告措辞。引文必须包含其中之一。
about-method-order = 如果原文同时蕴含多个标签，则采用下列顺序中的第一个，因此相同的措辞总是得到相同的标签。
about-method-check = 本网站在生成时核对每条引文与报告原文及上述措辞是否相符；引文不支持的标签不予发布。
about-status-labels = 执行状况标签
about-status-intro = 按优先顺序排列：引文所含措辞对应的第一个标签适用。
about-funding-labels = 资金标签
about-funding-intro = 这些标签描述报告对资金的说法，而不是判断决议是否已获资助。按优先顺序排列。
about-cues = 蕴含此标签的报告措辞（{ $language }）：
paren-open = （
paren-close = ）
colon = ：
semicolon = ；
full-stop = 。
comma = ，
list-separator = 、
news-source = 第 { $id } 号决议，最新报告第 { $n } 段

## Citing a paragraph
# 引文开头：作者、标题、文号、日期。
cite-head = { $author }，《{ $title }》，{ $symbol }，{ $date }
cite-para = { $head }，第 { $para } 段。
cite-paras = { $head }，{ $paras }，关于第 { $id } 号决议（{ $restitle }）。
cite-unofficial = 引自本网站据{ $source }版所作的非官方译文；正式文件：{ $symbol }，{ $url }。
cite-official = 正式文件：{ $symbol }，{ $url }。
# 引文各句之间：中文不加空格。
cite-sep = {""}
cite-label = 引文：
cite-copy = 复制引文
cite-copy-label = 复制引文（第 { $n } 段）
cite-para-res = { $head }，第 { $para } 段，关于第 { $id } 号决议（{ $restitle }）。
cite-copy-label-res = 复制引文（第 { $id } 号决议第 { $n } 段）
cite-copy-done = 已复制 ✓
para-other-language = 第 { $n } 段中文版
cite-copied = 引文已复制到剪贴板。
cite-copy-failed = 无法复制：请选中段落下方显示的引文后复制。

## Browsing: filters, sorting, topics
nav-topics = 专题
filters = 筛选和排序决议
filter-session = 届会
filter-status = 执行情况
filter-funding = 资金
filter-shortfall = 资金不足
filter-topic = 专题
filter-sort = 排序
filter-all = 全部
sort-number = 按编号
sort-latest = 按最近变化
# 由列表显示、由脚本更新："%n" 和 "%t" 代表数字。
filter-count = 显示 { $shown } 项决议，共 { $total } 项。
filter-hint = 每组选择一项；各组条件同时适用。
filter-reset = 显示全部决议
resolutions-filtered-title = 决议：{ $facet }，{ $value }
resolutions-latest-title = 决议（按最近变化排序）
resolutions-filtered-title-2 = 决议：{ $facet }，{ $value }；{ $facet2 }，{ $value2 }
resolutions-sorted-latest = { $title }（按最近变化排序）
# 筛选面板的摘要（手机上折叠）。
filter-summary = 筛选和排序：
filter-active = { $facet }：{ $value }
filter-active-sep = ；
filter-none-active = 未筛选
# 脚本组合筛选条件后表格的标题；"%s" 代表条件。
filter-caption = 符合以下条件的决议：{ $filters }
filter-empty = 没有同时符合这些条件的决议。
filter-clear = 清除筛选条件
filter-two-groups = 未启用 JavaScript 时可组合两组条件：请先在其中一组选择“全部”，再在此组选择。
filter-topic-js = 未启用 JavaScript 时，专题不能与其他条件组合；每个专题另有页面：
col-changed = 最近报告
topics-title = 专题
topics-intro = 按主题浏览决议。每个专题列出标注该专题的决议及其最新状况。
topics-order = 涉及决议最多的专题排在前面；决议数量相同的专题按专题表的顺序排列。
back-to-contents = ↑ 返回目录
topic-count = { $count ->
    [0] 无决议
   *[other] { $count } 项决议
}
topic-caption = 本专题的决议及其最新执行和资金状况
topic-none = 尚无标注此专题的决议。
funding-order = 表格排序：
funding-by-session = 按届会
funding-by-need = 按需求（缺口最大者优先）
funding-need-group-named = 指出资金不足（{ $count } 项），缺口最多者优先
funding-need-group-none = 未指出资金不足（{ $count } 项）

## Tracking over time: reports index, what changed, timelines
nav-reports = 报告
reports-title = 报告
reports-intro = 关于各项决议的全部进展报告，最新的在前，并列出与上一份报告相比的变化。
reports-count = 涉及的决议数
reports-changes-link = 与 { $previous } 相比的变化
reports-first = 本系统跟踪的第一份报告。
changes-title = { $symbol } 中的变化
changes-crumb = 变化
changes-intro = 将报告 { $symbol } 与上一份报告 { $previous } 比较：执行状况和资金判断、金额，以及新报告的活动、合作伙伴、地点和数字。
changes-summary = { $changed } 项决议有变化，{ $added } 项决议首次报告，{ $dropped } 项决议不再报告。
changes-summary-unchanged = { $count ->
    [0] {""}
   *[other] { $count } 项决议在两份报告中均有报告且无变化。
}
mark-unchanged = 无变化
changes-unchanged = 从 { $previous } 到 { $symbol }，执行状况、资金和金额均无变化，也无新事实。
mark-unmentioned = 未再提及
changes-unmentioned = { $previous }载明的下列事实，{ $symbol }不再提及：
fact-kind-event = 活动
fact-kind-partner = 合作伙伴
fact-kind-place = 地点
fact-kind-count = 数字
changes-data-csv = 变化，CSV
changes-data-json = 变化，JSON
changes-none = 没有变化。
changes-added = 在 { $symbol } 中首次报告：
changes-dropped = { $symbol } 未报告；最后一次报告见 { $previous }：
changes-see-all = { $symbol } 中的全部变化
mark-added = 新
mark-dropped = 不再报告
mark-changed = 有变化
mark-revised = 已修订
mark-stated = 新载明
mark-currency-changed = 币种改变：金额不作比较
change-field-status = 执行状况
change-field-funding-status = 资金
change-field-requirement = 所需资金
change-field-mobilized = 已筹资金
change-field-event = 新活动
change-field-partner = 新合作伙伴
change-field-place = 新地点
change-field-count = 数字
change-field-amount = 金额
change-not-stated = 未载明
resolution-since = 与 { $previous } 相比的变化
resolution-newly-reported = 最新报告首次涉及本决议。
resolution-no-longer-reported = 报告 { $symbol } 未涉及本决议；所示内容来自最后一份涉及本决议的报告。
resolution-all-changes = { $symbol } 中的全部变化
strip-title = 各份报告中的执行状况（上条）和资金状况（下条），按时间先后排列；下表以文字说明相同内容。
col-as-of = 截至
col-requirement = 所需资金
col-mobilized = 已筹资金
col-gap = 缺口
figure-revised-from = 由 { $amount } 修订
figure-restated-from = 改以另一币种载明（此前为 { $amount }）
figure-over-funded = 超额筹资 { $amount }
figure-percent = { $value }%
figure-as-of = 截至 { $date }
older-reports = 以往报告的内容
older-summary = { $symbol }（{ $date }）
home-changes = { $symbol } 与 { $previous } 相比的变化
home-changes-more = ……另有 { $count } 项执行状况或资金变化。
feed-report-changes = { $symbol } 与 { $previous } 相比：{ $count } 项决议有变化。
feed-report-first = { $symbol }：本系统跟踪的第一份报告，涉及 { $count } 项决议。
feed-report-more = ……另有 { $count } 项决议有变化。
funding-totals = 已载明数字的合计
funding-totals-cover = 合计仅涵盖 { $total } 项决议中最新报告同时载明所需资金和已筹资金的 { $count } 项；其他决议不计入。
funding-totals-caption = 按币种汇总的最新载明数字（不作换算）
col-currency = 币种
col-over-funded = 超额筹资

## “是否指出资金不足？”的唯一答案
shortfall-heading = 受资金制约？
shortfall-lead = 各项决议的最新报告指出缺少资金的决议：
shortfall-count = { $count } 项决议（共 { $total } 项）
shortfall-rule-link = 判定方法
shortfall-finding = { $symbol } 本身指出：
shortfall-named = 指出资金不足
shortfall-none = 未指出资金不足
shortfall-named-def = 报告原文将资金不足列为工作现状的原因（状况“受资金制约”），或称资金不足（资金“载明资金不足”或“载明资金及不足”）。由最新报告的两个标签得出，从不人工设定。
shortfall-none-def = 最新报告的两个标签均未指出缺少资金。报告仍可能称需要资金（“载明资金需要”），或未提及资金。
about-shortfall-labels = 是否指出资金不足
about-shortfall-intro = 对“该决议是否受资金制约？”这一问题的唯一答案，在每个页面和每个数据文件中都相同。
definition = 定义
definition-of = “{ $label }”的定义
count-of = { $count }：列出标为“{ $label }”的决议

## 官方跟踪系统的数字
funding-see-figures = 见“资金”栏中的数字
tracker-section = 官方跟踪系统公布的数字
tracker-intro = 每个数字均按来源所载列出，并注明读取日期；金额以该货币的整单位列出。来源未载明的数值为计算所得，并予注明。两次读取之间的变化是来源的修订，而非进展。
tracker-caption = 第 { $id } 号决议的跟踪系统读数（由早至晚）
tracker-computed = （计算所得）
tracker-revised-down = 由 { $amount } 下调
tracker-revised-up = 由 { $amount } 上调
tracker-unit-changed = 来源将货币由 { $from } 改为 { $to }：不与上一次读数比较。
tracker-disagrees = 来源对{ $field }的说法不一：{ $symbol } 为 { $report }，{ $source }为 { $tracker }（{ $date }读取）。
tracker-official-link-lead = 本网站未收录的数字（所需资源、已调动资源、资金缺口）由以下来源公布：
tracker-totals-h = { $source }所载总计
tracker-totals-caption = { $source }，{ $date }读取：所有决议及总计
tracker-totals-row = 总计（按来源所载）
tracker-funding-h = 官方跟踪系统的数字
tracker-funding-intro = 每个跟踪系统的最新读数。总计为来源本身所载，并非本网站加总。
col-source = 来源
col-read = 读取日期
col-source-status = 状况（来源原话）
col-gap-percent = 缺口 %
tracker-field-requirement = 所需资源
tracker-field-mobilized = 已调动资源
col-report-date = 报告日期
resolutions-data-csv = 各项决议及其最新状况（CSV）
trackers-data-json = 跟踪系统读数（按来源所载，JSON）
search-corrected = 未找到所输入的词：{ $words }。以下显示文本中最接近的词（已突出显示）。
search-dropped = 在任何地方都未找到，已略去：{ $words }。
search-partial = 没有同时包含所有词的页面：以下每条结果只包含其中一部分，并注明所缺的词。
search-lacks = 此页没有：{ $words }
search-suggest = 可以试试：
figure-source = （{ $symbol } 所载，{ $date }）

## Issue 26, h-contact: where to report an error; the entry page's title; "no change" on a resolution page; contents at hand.
footer-contact = 报告错误
about-contact = 报告错误
about-contact-intro = 如发现标签、引文、数字或译文有误，请告知，并注明页面地址和段落编号（每段旁的 ¶ 编号链接到该段本身的地址）。更正将在内容文件中进行，并随下一次生成发布。
about-contact-tracker = 报告地址
about-contact-email = 电子邮件
about-contact-none = 本网站的这一版本未提供报告地址。
resolution-no-change = 自 { $previous } 以来：执行状况和资金状况均无变化。
report-contents-jump = 目录
