//! Writes a synthetic Resolution Portal site in the real content format (content/README.md), for
//! benchmarks and determinism tests:
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--reports K]
//! cd DIR && portal build
//! ```
//!
//! With `--reports K` (default 1), K−1 further reports follow the first, six months apart
//! (`synthetic-progress-report-2` …), each derived from the one before with realistic changes: about
//! 15% of statuses and 10% of funding statuses change, 5% of resolutions are not reported (and come
//! back in the next report), and a quarter of resolutions state requirement and mobilized figures,
//! mobilized growing, the requirement sometimes revised, now and then over-funded.
//!
//! DIR gets `site.yaml`, `content/topics.yaml`, N resolution records spread over Assembly sessions of
//! 100 resolutions each, one report (`content/reports/synthetic-progress-report/`) with one section per
//! session and one update per resolution, and one funding mechanism. No `themes/` folder is written, so
//! the build uses the default theme embedded in `portal`.
//!
//! Per resolution, about 1,000 English words and 1,800 Chinese characters: about 600 / 1,080 in the
//! update's four numbered paragraphs (shown on the resolution page and on the report page) and about
//! 400 / 720 in the background narrative (`content/resolutions/{s}-{n}.{lang}.md`, shown on the
//! resolution page). The text has headings, lists, a table and links to other resolutions. Chinese
//! text is built from words of the real report, so that bigram search sees realistic text.
//!
//! The output depends only on N: a fixed-seed splitmix64 generator drives every choice.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Resolutions per Assembly session.
pub const PER_SESSION: usize = 100;
/// The report's folder name (its URL slug).
pub const REPORT_SLUG: &str = "synthetic-progress-report";

/// splitmix64: small, fast, and good enough for picking words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

type Pair = (&'static str, &'static str);

const TOPICS: &[(&str, Pair)] = &[
    ("strategy", ("Strategy and governance", "战略与治理")),
    ("safety", ("Urban safety", "城市安全")),
    ("capacity-building", ("Capacity-building", "能力建设")),
    ("gender", ("Gender equality", "性别平等")),
    ("urban-rural", ("Urban-rural linkages", "城乡联系")),
    ("smart-cities", ("Smart cities", "智慧城市")),
    (
        "informal-settlements",
        ("Informal settlements and slums", "非正规住区和贫民窟"),
    ),
    ("environment", ("Environment", "环境")),
    ("biodiversity", ("Biodiversity", "生物多样性")),
    ("climate", ("Climate change", "气候变化")),
    (
        "sdg-localization",
        ("Localizing the SDGs", "可持续发展目标本地化"),
    ),
    ("housing", ("Housing", "住房")),
    ("planning", ("Urban planning", "城市规划")),
    ("infrastructure", ("Infrastructure", "基础设施")),
    ("resilience", ("Resilience", "韧性")),
    ("finance", ("Financing", "筹资")),
    ("monitoring", ("Monitoring and reporting", "监测和报告")),
];

const SUBJECTS: &[Pair] = &[
    ("UN-Habitat", "人居署"),
    ("The secretariat", "秘书处"),
    ("The Executive Board", "执行局"),
    ("Member States", "会员国"),
    ("Local and regional governments", "地方和区域政府"),
    ("The regional offices of UN-Habitat", "人居署各区域办事处"),
    ("The expert working group", "专家工作组"),
    ("National governments", "各国政府"),
    ("The Programme and its partners", "该方案及其合作伙伴"),
    ("The Executive Director", "执行主任"),
];

const VERBS: &[Pair] = &[
    ("has continued to support", "继续支持"),
    ("is coordinating", "正在协调"),
    ("has strengthened", "加强了"),
    ("has promoted", "推动了"),
    ("is assisting with", "正在协助开展"),
    ("has prepared guidance on", "编写了关于以下方面的指导意见："),
    ("has launched work on", "启动了"),
    ("has reviewed", "审查了"),
    ("is accelerating", "正在加快"),
    ("has reported on", "报告了"),
    ("has mobilized resources for", "为以下工作筹集了资源："),
    ("is monitoring", "正在监测"),
];

const OBJECTS: &[Pair] = &[
    ("the implementation of the resolution", "该决议的执行工作"),
    ("access to adequate housing for all", "人人享有适当住房"),
    ("sustainable urbanization", "可持续城市化"),
    (
        "integrated urban and territorial planning",
        "城市和区域综合规划",
    ),
    (
        "capacity-building for local authorities",
        "地方当局的能力建设",
    ),
    ("slum upgrading programmes", "贫民窟改造方案"),
    ("national urban policies", "国家城市政策"),
    (
        "the implementation of the New Urban Agenda",
        "新城市议程的执行",
    ),
    (
        "the localization of the Sustainable Development Goals",
        "可持续发展目标本地化",
    ),
    ("urban-rural linkages", "城乡联系"),
    ("climate change adaptation in cities", "城市气候变化适应"),
    (
        "urban resilience and disaster risk reduction",
        "城市韧性和减少灾害风险",
    ),
    ("investment in basic infrastructure", "基础设施投资"),
    (
        "gender equality in urban development",
        "城市发展中的性别平等",
    ),
    ("urban data and monitoring systems", "城市数据和监测系统"),
    (
        "partnerships with the private sector",
        "与私营部门的伙伴关系",
    ),
    ("people-centred smart cities", "以人为本的智慧城市"),
    ("safer cities and public spaces", "更安全的城市和公共空间"),
    ("biodiversity in urban areas", "城市地区的生物多样性"),
    (
        "financing for sustainable urban development",
        "可持续城市发展筹资",
    ),
];

const TAILS: &[Pair] = &[
    (
        "in close cooperation with local governments",
        "并与地方政府密切合作",
    ),
    (
        "through limited voluntary funding",
        "所用资金为有限的自愿捐款",
    ),
    (
        "on the margins of the World Urban Forum",
        "相关活动在世界城市论坛期间举行",
    ),
    (
        "in line with the strategic plan for the period 2020–2025",
        "这符合 2020—2025 年期间战略计划",
    ),
    (
        "with the support of the United Nations system",
        "并得到了联合国系统的支持",
    ),
    (
        "although progress remains constrained by limited resources",
        "但由于资源有限，进展仍受到制约",
    ),
    (
        "so as to strengthen the capacity of national and local institutions",
        "以加强国家和地方机构的能力",
    ),
    (
        "and shared the results with Member States",
        "并与会员国分享了成果",
    ),
    (
        "as requested by the United Nations Habitat Assembly",
        "这是应联合国人居大会的要求开展的",
    ),
    (
        "drawing on the experience of cities in developing countries",
        "借鉴了发展中国家城市的经验",
    ),
];

const PLACES: &[Pair] = &[
    ("Nairobi", "内罗毕"),
    ("New York", "纽约"),
    ("Cairo", "开罗"),
    ("Bangkok", "曼谷"),
    ("Quito", "基多"),
    ("Dakar", "达喀尔"),
    ("Madrid", "马德里"),
    ("Rio de Janeiro", "里约热内卢"),
    ("Katowice", "卡托维兹"),
    ("Abu Dhabi", "阿布扎比"),
    ("Kenya", "肯尼亚"),
    ("Brazil", "巴西"),
    ("Egypt", "埃及"),
    ("Indonesia", "印度尼西亚"),
    ("Mexico", "墨西哥"),
];

const PARTNERS: &[Pair] = &[
    ("Government of Spain", "西班牙政府"),
    ("France", "法国"),
    ("European Union", "欧洲联盟"),
    ("World Bank", "世界银行"),
    ("United Nations Environment Programme", "联合国环境规划署"),
    ("United Nations Development Programme", "联合国开发计划署"),
    ("Government of Kenya", "肯尼亚政府"),
    ("Government of Japan", "日本政府"),
    ("Cities Alliance", "城市联盟"),
    (
        "United Cities and Local Governments",
        "世界城市和地方政府组织",
    ),
    ("Global Environment Facility", "全球环境基金"),
    ("Government of Germany", "德国政府"),
];

const EVENTS: &[Pair] = &[
    ("Expert group meeting", "专家组会议"),
    ("Regional consultation", "区域协商会议"),
    (
        "Training workshop for local authorities",
        "地方当局培训讲习班",
    ),
    ("High-level dialogue", "高级别对话"),
    ("Session of the World Urban Forum", "世界城市论坛会议"),
    ("Launch of the global report", "全球报告发布会"),
];

const COUNTS: &[Pair] = &[
    ("cities supported", "得到支持的城市"),
    ("countries participating", "参与国家"),
    ("officials trained", "接受培训的官员"),
    ("projects under way", "正在实施的项目"),
    ("voluntary local reviews", "地方自愿审查"),
];

const LIST_ITEMS: &[Pair] = &[
    (
        "technical assistance to national governments",
        "向各国政府提供技术援助",
    ),
    ("peer learning among cities", "城市之间的同行学习"),
    ("guidelines and training materials", "准则和培训材料"),
    ("data collection and analysis", "数据收集和分析"),
    ("pilot projects in secondary cities", "二级城市的试点项目"),
    (
        "policy dialogue with stakeholders",
        "与利益攸关方的政策对话",
    ),
    ("resource mobilization", "资源调动"),
    ("monitoring and reporting", "监测和报告"),
];

const TITLE_HEADS: &[Pair] = &[
    ("Enhancing", "加强"),
    ("Accelerating", "加快"),
    ("Promoting", "促进"),
    ("Supporting", "支持"),
    ("Strengthening", "加强"),
];

const STATUSES: &[(&str, usize)] = &[
    ("completed", 5),
    ("significant-progress", 10),
    ("milestone-reached", 15),
    ("in-progress", 35),
    ("held-back-by-funding", 10),
    ("limited-progress", 15),
    // Not `not-reported`: an update has the report's paragraphs on its resolution, which refute it
    // (content/README.md); an unreported resolution is one a report leaves out (`more_reports`).
    ("not-started", 10),
];

const FUNDING: &[(&str, usize)] = &[
    ("funds-stated", 15),
    ("funds-and-shortfall-stated", 35),
    ("shortfall-stated", 25),
    ("nothing-stated", 25),
];

/// The sentence each update's first paragraph opens with, and that its status quotes.
const STATUS_WORDS: (&str, &str) = (
    "Work on the resolution continued.",
    "该决议的工作继续进行。",
);
/// A sentence every update paragraph carries: an event's year must be written in its paragraph.
const YEAR_WORDS: (&str, &str) = ("Events took place in 2024. ", "活动于 2024 年举行。");
/// The sentence each update's last paragraph opens with, and that its funding judgement quotes.
const FUNDING_WORDS: (&str, &str) = (
    "Limited voluntary funding has been received.",
    "收到的自愿资金有限。",
);

fn weighted(rng: &mut Rng, items: &[(&'static str, usize)]) -> &'static str {
    let total: usize = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total);
    for (k, w) in items {
        if x < *w {
            return k;
        }
        x -= w;
    }
    items[0].0
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text(p: (&str, &str)) -> String {
    format!("{{en: {}, zh: {}}}", q(p.0), q(p.1))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text in both languages, built in parallel so that the Chinese reads as a translation.
#[derive(Default)]
struct Bi {
    en: String,
    zh: String,
}

impl Bi {
    fn push(&mut self, en: &str, zh: &str) {
        self.en.push_str(en);
        self.zh.push_str(zh);
    }
    fn words(&self) -> usize {
        self.en.split_whitespace().count()
    }
}

/// One sentence in both languages.
fn sentence(rng: &mut Rng, out: &mut Bi) {
    let s = *rng.pick(SUBJECTS);
    let v = *rng.pick(VERBS);
    let o = *rng.pick(OBJECTS);
    let t = *rng.pick(TAILS);
    match rng.below(3) {
        0 => {
            let p = *rng.pick(PLACES);
            out.push(
                &format!("{} {} {} in {}, {}. ", s.0, v.0, o.0, p.0, t.0),
                &format!("{}在{}{}{}，{}。", s.1, p.1, v.1, o.1, t.1),
            );
        }
        1 => {
            let p = *rng.pick(PARTNERS);
            out.push(
                &format!("{} {} {} with {}, {}. ", s.0, v.0, o.0, p.0, t.0),
                &format!("{}与{}合作，{}{}，{}。", s.1, p.1, v.1, o.1, t.1),
            );
        }
        _ => {
            let k = 1 + rng.below(12);
            out.push(
                &format!(
                    "Pursuant to paragraph {k} of the resolution, {} {} {}, {}. ",
                    s.0.to_lowercase().replace("un-habitat", "UN-Habitat"),
                    v.0,
                    o.0,
                    t.0
                ),
                &format!("根据该决议第 {k} 段，{}{}{}，{}。", s.1, v.1, o.1, t.1),
            );
        }
    }
}

/// Sentences until the English has at least `words` words.
fn prose(rng: &mut Rng, out: &mut Bi, words: usize) {
    let start = out.words();
    while out.words() - start < words {
        sentence(rng, out);
    }
    out.en.truncate(out.en.trim_end().len());
    out.push("\n\n", "\n\n");
}

fn link(out: &mut Bi, (s, n): (usize, usize)) {
    out.push(
        &format!("[resolution {s}/{n}](/resolutions/{s}-{n}/)"),
        &format!("[第 {s}/{n} 号决议](/resolutions/{s}-{n}/)"),
    );
}

fn list(rng: &mut Rng, out: &mut Bi, ordered: bool) {
    let k = 3 + rng.below(3);
    let first = rng.below(LIST_ITEMS.len());
    for i in 0..k {
        let item = LIST_ITEMS[(first + i) % LIST_ITEMS.len()];
        let mark = if ordered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_string()
        };
        let place = *rng.pick(PLACES);
        out.push(
            &format!("{mark}{} in {}\n", capitalize(item.0), place.0),
            &format!("{mark}在{}{}\n", place.1, item.1),
        );
    }
    out.push("\n", "\n");
}

fn table(rng: &mut Rng, out: &mut Bi) {
    out.push(
        "| Indicator | 2023 | 2024 |\n|---|---:|---:|\n",
        "| 指标 | 2023 年 | 2024 年 |\n|---|---:|---:|\n",
    );
    for _ in 0..3 {
        let c = *rng.pick(COUNTS);
        let a = 1 + rng.below(200);
        let b = a + rng.below(100);
        out.push(
            &format!("| {} | {a} | {b} |\n", capitalize(c.0)),
            &format!("| {} | {a} | {b} |\n", c.1),
        );
    }
    out.push("\n", "\n");
}

fn date(rng: &mut Rng, year: u32) -> (String, u32, u32) {
    let m = 1 + rng.below(12) as u32;
    let d = 1 + rng.below(28) as u32;
    (format!("{year}-{m:02}-{d:02}"), m, d)
}

/// Every resolution id of a corpus of `n`, in order: (session, number).
pub fn ids(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .map(|i| (i / PER_SESSION + 1, i % PER_SESSION + 1))
        .collect()
}

fn sessions(n: usize) -> usize {
    n.div_ceil(PER_SESSION)
}

/// The year of session `s`: the last session is 2023, one session a year before it.
fn year_of(s: usize, sessions: usize) -> usize {
    2023 + s - sessions
}

/// "A".."Z", "AA".. for the report's sub-heading letters.
fn label(i: usize) -> String {
    let mut i = i;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

const DOCUMENTS: usize = 20;

fn write(dir: &Path, rel: &str, content: &str) -> io::Result<()> {
    std::fs::write(dir.join(rel), content)
}

/// Writes the whole synthetic site of `n` resolutions into `dir` (created if missing; existing
/// files with the same names are overwritten).
pub fn generate(n: usize, dir: &Path) -> io::Result<()> {
    assert!(n >= 2, "a corpus needs at least two resolutions");
    let report_dir = format!("content/reports/{REPORT_SLUG}");
    for d in [
        "content/resolutions",
        "content/funding",
        "seeds",
        report_dir.as_str(),
    ] {
        std::fs::create_dir_all(dir.join(d))?;
    }
    let mut rng = Rng::new(0x5EED_0FC0_4105 ^ n as u64);
    let all = ids(n);
    let sessions = sessions(n);

    write(
        dir,
        "site.yaml",
        &format!(
            "# Synthetic site of {n} resolutions, written by examples/gen_corpus.rs.\n\
             title:\n  en: UN-Habitat Assembly Resolution Tracker (synthetic)\n  zh: 联合国人居大会决议执行情况跟踪系统（合成数据）\n\
             tagline:\n  en: A generated site for benchmarks.\n  zh: 用于性能测试的生成网站。\n\
             languages:\n  - code: en\n    html_lang: en\n    name: English\n  - code: zh\n    html_lang: zh-Hans\n    name: 中文\n\
             default_language: en\nbase_url: https://example.org/\ntheme: default\nmissing_translation: error\n\
             document_url: \"https://undocs.org/{{lang}}/{{symbol}}\"\n"
        ),
    )?;

    let mut topics = String::from("# Topics used to tag resolutions.\n");
    for (id, label) in TOPICS {
        let _ = writeln!(topics, "- id: {id}\n  label: {}", text(*label));
    }
    write(dir, "content/topics.yaml", &topics)?;

    // The report: introduction (paragraph 1), then one section per session.
    let mut rep = String::new();
    let _ = write!(
        rep,
        "symbol: HSP/EB.2024/99\n\
         title:\n  en: Implementation of all resolutions adopted by the United Nations Habitat Assembly\n  zh: 联合国人居大会通过的所有决议的执行情况\n\
         date: \"2024-09-22\"\n\
         body:\n  en: Executive Board of the United Nations Human Settlements Programme\n  zh: 联合国人类住区规划署执行局\n\
         meeting:\n  en: Second session of 2024\n  zh: 2024 年第二次会议\n\
         meeting_dates:\n  start: \"2024-12-04\"\n  end: \"2024-12-06\"\n\
         meeting_place: {{en: Nairobi, zh: 内罗毕}}\n\
         agenda_item:\n  en: \"Provisional agenda item 9: implementation of the resolutions of the Habitat Assembly\"\n  zh: 临时议程项目 9：人居大会各项决议的执行情况\n\
         author: {{en: Report of the Executive Director, zh: 执行主任的报告}}\n\
         period:\n  start: \"2024-05\"\n  end: \"2024-12\"\n\
         original_language: en\n\
         languages:\n  - lang: zh\n    kind: official\n    seed: synthetic.zh.txt\n  - lang: en\n    kind: unofficial\n    source: zh\n\
         sections:\n  - heading: {{en: I. Introduction, zh: 一、导言}}\n    paragraphs: [1]\n"
    );
    for s in 1..=sessions {
        let y = year_of(s, sessions);
        let _ = write!(
            rep,
            "  - heading:\n      en: \"Resolutions adopted at session {s}, in {y}\"\n      zh: 第 {s} 届会议（{y} 年）通过的各项决议\n    session: {s}\n"
        );
    }
    let _ = write!(
        rep,
        "footnotes:\n  - mark: \"*\"\n    para: 0\n    text: {{en: HSP/EB.2024/D1., zh: HSP/EB.2024/D1。}}\n    document: HSP/EB.2024/D1\n\
         \x20 - mark: \"1\"\n    para: 2\n    text: {{en: \"<https://unhabitat.org/>.\", zh: \"<https://unhabitat.org/>。\"}}\n    url: https://unhabitat.org/\n\
         documents:\n"
    );
    for d in 1..=DOCUMENTS {
        let _ = write!(
            rep,
            "  - symbol: HSP/EB.2024/D{d}\n    description: {{en: \"Background document {d}.\", zh: 背景文件 {d}。}}\n"
        );
    }
    write(dir, &format!("{report_dir}/report.yaml"), &rep)?;
    write(
        dir,
        "seeds/synthetic.zh.txt",
        "合成报告：其中文本由 examples/gen_corpus.rs 生成，没有原始文件。\n",
    )?;
    write(
        dir,
        &format!("{report_dir}/report.en.md"),
        &format!("§ 1\n\nThe present report provides an update on the implementation of the {n} resolutions adopted by the United Nations Habitat Assembly at its {sessions} sessions.\n"),
    )?;
    write(
        dir,
        &format!("{report_dir}/report.zh.md"),
        &format!(
            "§ 1\n\n本报告介绍联合国人居大会 {sessions} 届会议通过的 {n} 项决议的最新执行情况。\n"
        ),
    )?;

    // Resolutions and their updates; the update of the i-th resolution has paragraphs 2+4i..2+4i+3.
    for (i, &(s, num)) in all.iter().enumerate() {
        let slug = format!("{s}-{num}");
        let year = year_of(s, sessions);
        let other = |rng: &mut Rng| loop {
            let o = all[rng.below(all.len())];
            if o != (s, num) {
                break o;
            }
        };

        // Record.
        let head = *rng.pick(TITLE_HEADS);
        let obj = *rng.pick(OBJECTS);
        let k_topics = 1 + rng.below(3);
        let first_topic = rng.below(TOPICS.len());
        let topic_ids: Vec<&str> = (0..k_topics)
            .map(|k| TOPICS[(first_topic + k * 5) % TOPICS.len()].0)
            .collect();
        write(
            dir,
            &format!("content/resolutions/{slug}.yaml"),
            &format!(
                "id: \"{s}/{num}\"\nyear: {year}\nsymbol: HSP/HA.{s}/Res.{num}\ntitle:\n  en: {}\n  zh: {}\ntopics: [{}]\n",
                q(&format!("{} {}", head.0, obj.0)),
                q(&format!("{}{}", head.1, obj.1)),
                topic_ids.join(", ")
            ),
        )?;

        // Narrative: ~400 words / ~720 characters, headings, a list, a table and links.
        let mut nar = Bi::default();
        nar.push("## Background\n\n", "## 背景\n\n");
        prose(&mut rng, &mut nar, 110);
        nar.push("It complements ", "该决议是对");
        link(&mut nar, other(&mut rng));
        nar.push(" and ", "和");
        link(&mut nar, other(&mut rng));
        nar.push(".\n\n", "的补充。\n\n");
        nar.push("### What the resolution asks for\n\n", "### 决议的要求\n\n");
        list(&mut rng, &mut nar, true);
        prose(&mut rng, &mut nar, 110);
        nar.push("### Early results\n\n", "### 初步成果\n\n");
        table(&mut rng, &mut nar);
        prose(&mut rng, &mut nar, 110);
        write(
            dir,
            &format!("content/resolutions/{slug}.en.md"),
            nar.en.trim_end(),
        )?;
        write(
            dir,
            &format!("content/resolutions/{slug}.zh.md"),
            nar.zh.trim_end(),
        )?;

        // Update paragraphs: ~600 words / ~1,080 characters.
        let p0 = 2 + 4 * i as u32;
        let paras = [p0, p0 + 1, p0 + 2, p0 + 3];
        let mut up = Bi::default();
        up.push(&format!("§ {p0}\n\n"), &format!("§ {p0}\n\n"));
        up.push(&format!("{} ", STATUS_WORDS.0), STATUS_WORDS.1);
        up.push(YEAR_WORDS.0, YEAR_WORDS.1);
        prose(&mut rng, &mut up, 120);
        up.push("This work builds on ", "这项工作以");
        link(&mut up, other(&mut rng));
        up.push(".\n\n", "为基础。\n\n");
        up.push(&format!("§ {}\n\n", p0 + 1), &format!("§ {}\n\n", p0 + 1));
        up.push(YEAR_WORDS.0, YEAR_WORDS.1);
        prose(&mut rng, &mut up, 90);
        up.push("Activities included:\n\n", "开展的活动包括：\n\n");
        list(&mut rng, &mut up, false);
        prose(&mut rng, &mut up, 50);
        up.push(&format!("§ {}\n\n", p0 + 2), &format!("§ {}\n\n", p0 + 2));
        up.push(YEAR_WORDS.0, YEAR_WORDS.1);
        prose(&mut rng, &mut up, 90);
        table(&mut rng, &mut up);
        prose(&mut rng, &mut up, 40);
        up.push(&format!("§ {}\n\n", p0 + 3), &format!("§ {}\n\n", p0 + 3));
        up.push(&format!("{} ", FUNDING_WORDS.0), FUNDING_WORDS.1);
        up.push(YEAR_WORDS.0, YEAR_WORDS.1);
        prose(&mut rng, &mut up, 130);
        up.push("See also ", "另见");
        link(&mut up, other(&mut rng));
        up.push(".\n", "。\n");
        write(dir, &format!("{report_dir}/{slug}.en.md"), &up.en)?;
        write(dir, &format!("{report_dir}/{slug}.zh.md"), &up.zh)?;

        // Update record with structured facts.
        let status = weighted(&mut rng, STATUSES);
        let mut u = format!(
            "resolution: \"{s}/{num}\"\nlabel: {}\nparagraphs: [{}]\nstatus: {status}\n",
            label(num - 1),
            paras.map(|p| p.to_string()).join(", ")
        );
        let _ = writeln!(
            u,
            "status_evidence:\n  - para: {p0}\n    quote: {}",
            text(STATUS_WORDS)
        );
        let para = |rng: &mut Rng| paras[rng.below(4)];
        let _ = writeln!(u, "acts_on:");
        for k in 0..1 + rng.below(2) {
            let sub = if rng.chance(30) { " (a)" } else { "" };
            let _ = writeln!(
                u,
                "  - paragraph: \"{}{sub}\"\n    para: {}",
                2 + k * 3,
                para(&mut rng)
            );
        }
        let k = rng.below(4);
        if k > 0 {
            let _ = writeln!(u, "events:");
            for _ in 0..k {
                let e = *rng.pick(EVENTS);
                let (d, m, day) = date(&mut rng, 2024);
                let _ = writeln!(u, "  - name: {}\n    date: \"{d}\"", text(e));
                if rng.chance(40) && day < 26 {
                    let _ = writeln!(u, "    end: \"2024-{m:02}-{:02}\"", day + 2);
                }
                if rng.chance(70) {
                    let _ = writeln!(u, "    place: {}", text(*rng.pick(PLACES)));
                }
                let _ = writeln!(u, "    para: {}", para(&mut rng));
            }
        }
        for (field, table, max) in [("partners", PARTNERS, 4), ("places", PLACES, 4)] {
            let k = rng.below(max);
            if k > 0 {
                let _ = writeln!(u, "{field}:");
                for _ in 0..k {
                    let _ = writeln!(
                        u,
                        "  - name: {}\n    para: {}",
                        text(*rng.pick(table)),
                        para(&mut rng)
                    );
                }
            }
        }
        let k = rng.below(3);
        if k > 0 {
            let _ = writeln!(u, "counts:");
            for _ in 0..k {
                let _ = writeln!(
                    u,
                    "  - what: {}\n    value: {}\n    para: {}",
                    text(*rng.pick(COUNTS)),
                    1 + rng.below(500),
                    para(&mut rng)
                );
            }
        }
        if rng.chance(40) {
            let _ = writeln!(
                u,
                "documents:\n  - symbol: HSP/EB.2024/D{}\n    para: {}",
                1 + rng.below(DOCUMENTS),
                para(&mut rng)
            );
        }
        let funding = weighted(&mut rng, FUNDING);
        let _ = writeln!(u, "funding:\n  status: {funding}");
        if funding != "nothing-stated" {
            let basis = p0 + 3;
            let _ = writeln!(
                u,
                "  evidence:\n    - para: {basis}\n      quote: {}",
                text(FUNDING_WORDS)
            );
            if funding != "shortfall-stated" {
                let _ = writeln!(u, "  sources:");
                for _ in 0..1 + rng.below(2) {
                    let _ = writeln!(
                        u,
                        "    - name: {}\n      para: {basis}",
                        text(*rng.pick(PARTNERS))
                    );
                }
            }
            if funding != "funds-stated" {
                let _ = writeln!(
                    u,
                    "  lacking:\n    - what: {}\n      para: {basis}",
                    text((
                        "Voluntary funding received has been limited",
                        "收到的自愿资金有限"
                    ))
                );
                if rng.chance(50) {
                    let _ = writeln!(
                        u,
                        "  consequences:\n    - what: {}\n      para: {basis}",
                        text(("Planned activities were postponed", "计划中的活动被推迟"))
                    );
                }
            }
            if rng.chance(30) {
                let kinds = ["required", "received", "gap", "allocated"];
                let _ = writeln!(u, "  amounts:");
                for _ in 0..1 + rng.below(2) {
                    let _ = writeln!(
                        u,
                        "    - kind: {}\n      value: {}\n      currency: USD\n      approximate: {}",
                        rng.pick(&kinds),
                        (1 + rng.below(500)) * 10_000,
                        rng.chance(50)
                    );
                    if rng.chance(50) {
                        let _ = writeln!(u, "      as_of: \"2024-09-22\"");
                    }
                    if rng.chance(50) {
                        let _ = writeln!(
                            u,
                            "      what: {}",
                            text(("For the work programme", "用于工作方案"))
                        );
                    }
                    let _ = writeln!(u, "      para: {basis}");
                }
            }
        }
        write(dir, &format!("{report_dir}/{slug}.yaml"), &u)?;
    }

    // One funding mechanism, explained from the first resolution's update.
    write(
        dir,
        "content/funding/synthetic-funding-window.yaml",
        &format!(
            "name:\n  en: Synthetic Funding Window\n  zh: 合成供资窗口\nresolution: \"1/1\"\nreport: {REPORT_SLUG}\nparagraphs: [4, 5]\n"
        ),
    )?;
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus N DIR [--reports K]   (N >= 2 resolutions, K >= 1 reports, written into DIR)";
    let fail = || -> ! {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let mut pos = Vec::new();
    let mut reports = 1usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--reports" {
            reports = it
                .next()
                .and_then(|k| k.parse().ok())
                .filter(|&k| k >= 1)
                .unwrap_or_else(|| fail());
        } else {
            pos.push(a);
        }
    }
    let (Some(n), Some(dir), None) = (pos.first(), pos.get(1), pos.get(2)) else {
        fail()
    };
    let n = n
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 2)
        .unwrap_or_else(|| fail());
    let dir = Path::new(dir);
    if let Err(e) = generate(n, dir).and_then(|()| more_reports(n, dir, reports)) {
        eprintln!("gen_corpus: cannot write {}: {e}", dir.display());
        std::process::exit(1);
    }
    eprintln!(
        "wrote {n} resolutions in {} sessions and {reports} report(s) into {}",
        sessions(n),
        dir.display()
    );
}

/// The folder of the `j`-th report (1-based).
pub fn report_slug(j: usize) -> String {
    if j == 1 {
        REPORT_SLUG.to_string()
    } else {
        format!("{REPORT_SLUG}-{j}")
    }
}

/// Writes reports 2..=k, each derived from the one before (see the module docs).
pub fn more_reports(n: usize, dir: &Path, k: usize) -> io::Result<()> {
    let mut rng = Rng::new(0x0C4A_76E5 ^ n as u64);
    let first = dir.join("content/reports").join(REPORT_SLUG);
    // Values whose evidence (the same generated words for every value) the update already quotes.
    let statuses = [
        "completed",
        "significant-progress",
        "milestone-reached",
        "in-progress",
        "held-back-by-funding",
        "limited-progress",
    ];
    let fundings = [
        "funds-stated",
        "funds-and-shortfall-stated",
        "shortfall-stated",
    ];
    // Per resolution: (requirement, mobilized) once it states figures.
    let mut figures: Vec<Option<(u64, u64)>> = vec![None; n];
    let mut previous_dropped = vec![false; n];
    for j in 2..=k {
        let out = dir.join("content/reports").join(report_slug(j));
        std::fs::create_dir_all(&out)?;
        let prev = dir.join("content/reports").join(report_slug(j - 1));
        // Six months after the previous report; the period covered ends the month before.
        let months = 2024 * 12 + 8 + 6 * (j - 1);
        let (y, m) = (months / 12, months % 12 + 1);
        let (py, pm) = ((months - 1) / 12, (months - 1) % 12 + 1);
        let (sy, sm) = ((months - 6) / 12, (months - 6) % 12 + 1);
        let rep = std::fs::read_to_string(first.join("report.yaml"))?
            .replace(
                "symbol: HSP/EB.2024/99",
                &format!("symbol: HSP/EB.{y}/{}", 90 + j),
            )
            .replace("date: \"2024-09-22\"", &format!("date: \"{y}-{m:02}-22\""))
            .replace(
                "period:\n  start: \"2024-05\"\n  end: \"2024-12\"",
                &format!("period:\n  start: \"{sy}-{sm:02}\"\n  end: \"{py}-{pm:02}\""),
            );
        write(&out, "report.yaml", &rep)?;
        for lang in ["en", "zh"] {
            std::fs::copy(
                first.join(format!("report.{lang}.md")),
                out.join(format!("report.{lang}.md")),
            )?;
        }
        for (i, &(s, num)) in ids(n).iter().enumerate() {
            let slug = format!("{s}-{num}");
            // Dropped now and then; a resolution dropped from the previous report comes back.
            let dropped = !previous_dropped[i] && i > 0 && rng.chance(5);
            previous_dropped[i] = dropped;
            if dropped {
                continue;
            }
            // The text of the first report (the same paragraph numbers in every report: each
            // report numbers its own paragraphs), the facts of the previous one where it had them.
            for lang in ["en", "zh"] {
                std::fs::copy(
                    first.join(format!("{slug}.{lang}.md")),
                    out.join(format!("{slug}.{lang}.md")),
                )?;
            }
            let from = if prev.join(format!("{slug}.yaml")).is_file() {
                prev.join(format!("{slug}.yaml"))
            } else {
                first.join(format!("{slug}.yaml"))
            };
            let yaml = std::fs::read_to_string(&from)?;
            let mut lines: Vec<String> = Vec::new();
            let mut in_figures = false;
            for line in yaml.lines() {
                if line == "  figures:" {
                    in_figures = true;
                    continue;
                }
                if in_figures {
                    if line.starts_with("    ") {
                        continue;
                    }
                    in_figures = false;
                }
                if line.starts_with("status: ") && rng.chance(15) {
                    let new = statuses[rng.below(statuses.len())];
                    lines.push(format!("status: {new}"));
                    continue;
                }
                if let Some(st) = line.strip_prefix("  status: ") {
                    if st != "nothing-stated" && rng.chance(10) {
                        let new = fundings[rng.below(fundings.len())];
                        lines.push(format!("  status: {new}"));
                        continue;
                    }
                }
                lines.push(line.to_string());
            }
            let mut u = lines.join("\n");
            u.push('\n');
            // Figures: stated for a quarter of the resolutions whose funding is stated at all.
            let basis = 2 + 4 * i as u32 + 3;
            if u.contains("\n  evidence:") {
                let f = match figures[i] {
                    Some((req, mob)) => {
                        let req = if rng.chance(15) {
                            req + (1 + rng.below(10)) as u64 * 50_000
                        } else {
                            req
                        };
                        let mob = mob + rng.below(8) as u64 * 100_000;
                        Some((req, mob))
                    }
                    None if rng.chance(25) => {
                        let req = (10 + rng.below(90)) as u64 * 100_000;
                        Some((req, req * rng.below(90) as u64 / 100))
                    }
                    None => None,
                };
                figures[i] = f;
                if let Some((req, mob)) = f {
                    let _ = write!(
                        u,
                        "  figures:\n    requirement:\n      amount: {req}\n      currency: USD\n      as_of: \"{py}-{pm:02}\"\n      para: {basis}\n    mobilized:\n      amount: {mob}\n      currency: USD\n      as_of: \"{py}-{pm:02}\"\n      para: {basis}\n"
                    );
                }
            }
            write(&out, &format!("{slug}.yaml"), &u)?;
        }
    }
    Ok(())
}
