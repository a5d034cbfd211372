# 界面文字，中文。每条消息都必须在其他语言的文件中存在。

## Layout
skip-to-content = 跳到主要内容
nav-main = 主导航
nav-home = 首页
nav-resolutions = 决议
nav-funding = 资金
nav-search = 搜索
nav-language = 语言
nav-report = 报告 { $symbol }
search-label = 搜索本网站
search-button = 搜索
footer-about = 本网站即报告 { $symbol } 第 49 段宣布的决议执行情况跟踪系统；每有新报告即更新，每半年一次。
footer-data = 开放数据
footer-feed = 更新订阅（Atom）
footer-sitemap = 网站地图
unofficial-notice = 本页英文为本网站据 { $source }版 { $symbol } 所作的非官方译文。正式文本为联合国文件：
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
date-day = { $year } 年 { $month } 月 { $day } 日
date-month = { $year } 年 { $month } 月
date-year = { $year } 年
number-group-separator = ,
para-range = 第 { $range } 段

## Statuses
status = 执行状况
status-completed = 已完成
status-in-progress = 正在进行
status-limited-progress = 进展有限
status-not-started = 尚未开始
status-not-reported = 未报告
status-none = 尚无报告
funding-status = 资金
funding-funded = 已有资金
funding-partly-funded = 部分有资金
funding-unfunded = 无资金
funding-not-stated = 报告未说明

## Home
home-intro = 执行主任向执行局报告的联合国人居大会所通过 { $count } 项决议的执行情况。
home-by-session = 各届会议的决议
home-session = 第 { $number } 届会议（{ $year } 年）
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
resolution-title = 第 { $id } 号决议
resolution-page-title = 第 { $id } 号决议：{ $title }
resolution-description = 第 { $id } 号决议：{ $title }。执行状况：{ $status }。资金：{ $funding }。
resolution-session = 第 { $session } 届会议，{ $year } 年
resolution-official = 正式文本：{ $symbol }
resolution-topics = 主题
resolution-background = 背景
resolution-latest = 最新报告的内容
resolution-source = 出处：
resolution-no-update = 尚无报告述及本决议。
para-label = 第 { $n } 段
# The sign before a paragraph number, as in "¶ 38".
para-sign = ¶
para-in-report = 见报告
status-basis = 依据
facts = 本次更新中的事实
facts-acts-on = 所执行的决议段落
facts-acts-on-item = 决议第 { $paragraph } 段
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
cite-text = { $symbol }，{ $paras }：第 { $id } 号决议的执行情况。
other-language = 本页中文版
footnotes = 注

## Funding
funding-title = 资金缺口
funding-intro = 大多数决议的执行受到资金有限的制约。以下按决议列出最新报告提到的资金、所称缺少的资金及其后果。只有报告写明的金额才会列出。
funding-chart-title = 各资金状况的决议数目
funding-chart-desc = 条形图：{ $summary }
funding-chart-item = { $label }：{ $count }
funding-counts-caption = 各资金状况的决议数目（与图表数据相同）
funding-table-caption = 第 { $session } 届会议：各决议的资金
col-funders = 提到的资助方和来源
col-lacking = 缺少的资金及后果
col-amounts = 金额
col-evidence = 依据
col-count = 决议数
not-stated = 报告未说明
funding-amount = { $kind }：{ $approx ->
    [yes] 约 { $value } { $currency }
   *[no] { $value } { $currency }
}
amount-required = 所需
amount-received = 已收到
amount-gap = 缺口
amount-allocated = 已拨款
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
window-established = 根据第 { $id } 号决议设立。
window-from-report = 报告 { $symbol } 的内容
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
period-range = { $start }至{ $end }
language-en = 英文
language-zh = 中文

## Search
search-title = 搜索
search-intro = 用中文或英文搜索决议、段落、地点、伙伴和主题。
search-noscript = 搜索需要 JavaScript，但您的浏览器已将其关闭。请改为浏览全部决议列表：
search-results = 搜索结果
search-count = { $count ->
    [0] 没有找到“{ $query }”的结果。
   *[other] 找到 { $count } 条“{ $query }”的结果。
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
feed-entry = 第 { $id } 号决议（{ $report }）：{ $status }
