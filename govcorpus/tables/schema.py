"""The statistics cells of the 2021 and 2019 annual-report formats, with stable keys.

Every cell has the key ``<section>_<row>_<column>`` (for example ``s3_new_natural_person``,
``s3_result_public_total``, ``s4_review_upheld``); the keys are export column names and never
change. ``COLUMNS.md`` next to this module is generated from ``CELLS`` by ``columns_markdown``
(``python -c "from govcorpus.tables import columns_markdown as c; print(c(), end='')"``;
a test keeps the file in step with this module).

Sections: ``s2`` 主动公开政府信息情况 (第二十条 items), ``s3`` 收到和处理政府信息公开申请情况,
``s4`` 政府信息公开行政复议、行政诉讼情况. Formats: ``2021`` is 国办公开办函〔2021〕30号,
``2019`` is 国办公开办函〔2019〕60号.

Label patterns are regular expressions searched in label text after ``normalize_text`` and
with whitespace removed; ``\\W{0,2}`` stands where sources put optional punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

F2021 = "2021"
F2019 = "2019"
BOTH = (F2021, F2019)


@dataclass(frozen=True)
class Label:
    """A row or column: stable id, Chinese label, English name and label pattern."""

    id: str
    zh: str
    en: str
    pattern: str
    formats: tuple[str, ...] = BOTH
    enum: int | None = None
    exact: bool = False


@dataclass(frozen=True)
class S2Item:
    """One 第二十条 item of section 二: its rows and, per format, its columns."""

    item: str
    rows: tuple[Label, ...]
    columns: dict[str, tuple[Label, ...]]


@dataclass(frozen=True)
class CellSpec:
    """One statistics cell: where it sits and what it means."""

    section: str
    row: Label
    column: Label
    formats: tuple[str, ...]
    amount: bool = False

    @property
    def key(self) -> str:
        """The stable export key ``<section>_<row>_<column>``."""
        return cell_key(self.section, self.row.id, self.column.id)


def cell_key(section: str, row: str, column: str) -> str:
    """Build the stable key of a cell."""
    return f"{section}_{row}_{column}"


# --- section 二 ---------------------------------------------------------------------------

S2_RULES = Label("rules", "规章", "departmental rules", "规章")
S2_NORMATIVE = Label("normative", "(行政)规范性文件", "normative documents", "(?:行政)?规范性文件")
S2_LICENSING = Label("licensing", "行政许可", "administrative licensing", "行政许可")
S2_OTHER_SERVICES = Label(
    "other_services",
    "其他对外管理服务事项",
    "other external management services",
    "其他对外管理服务事项",
    (F2019,),
)
S2_PENALTY = Label("penalty", "行政处罚", "administrative penalties", "行政处罚")
S2_COERCION = Label("coercion", "行政强制", "administrative coercive measures", "行政强制")
S2_FEES = Label("fees", "行政事业性收费", "administrative fees", "行政事业性收费")
S2_PROCUREMENT = Label(
    "procurement", "政府集中采购", "centralised government procurement", "政府集中采购", (F2019,)
)

C_ISSUED = Label("issued", "本年制发件数", "issued this year", "制发件数", (F2021,))
C_REPEALED = Label("repealed", "本年废止件数", "repealed this year", "废止件数", (F2021,))
C_IN_FORCE = Label("in_force", "现行有效件数", "in force", "现行有效件数", (F2021,))
C_DECISIONS = Label("decisions", "(本年)处理决定数量", "decisions this year", "处理决定数量")
C_FEE_AMOUNT = Label(
    "amount", "本年收费金额(万元)", "fees collected, 10,000 yuan", "收费金额", (F2021,)
)
C_NEW_MADE = Label("new_made", "本年新制作数量", "newly made this year", "新制作", (F2019,))
C_NEW_PUBLISHED = Label(
    "new_published", "本年新公开数量", "newly published this year", "新公开", (F2019,)
)
C_TOTAL_PUBLISHED = Label(
    "total_published", "对外公开总数量", "total published", "对外公开总数", (F2019,)
)
C_PREV_ITEMS = Label(
    "prev_items", "上一年项目数量", "items in the previous year", "上一年项目数量", (F2019,)
)
C_CHANGE = Label("change", "本年增/减", "change this year (+/-)", r"增\W{0,2}减", (F2019,))
C_PROC_ITEMS = Label("items", "采购项目数量", "procurement items", "采购项目数量", (F2019,))
C_PROC_AMOUNT = Label(
    "amount", "采购总金额", "procurement amount, as written", "采购总金额", (F2019,)
)

S2_ITEMS: tuple[S2Item, ...] = (
    S2Item(
        "1",
        (S2_RULES, S2_NORMATIVE),
        {
            F2021: (C_ISSUED, C_REPEALED, C_IN_FORCE),
            F2019: (C_NEW_MADE, C_NEW_PUBLISHED, C_TOTAL_PUBLISHED),
        },
    ),
    S2Item(
        "5",
        (S2_LICENSING, S2_OTHER_SERVICES),
        {F2021: (C_DECISIONS,), F2019: (C_PREV_ITEMS, C_CHANGE, C_DECISIONS)},
    ),
    S2Item(
        "6",
        (S2_PENALTY, S2_COERCION),
        {F2021: (C_DECISIONS,), F2019: (C_PREV_ITEMS, C_CHANGE, C_DECISIONS)},
    ),
    S2Item("8", (S2_FEES,), {F2021: (C_FEE_AMOUNT,), F2019: (C_PREV_ITEMS, C_CHANGE)}),
    S2Item("9", (S2_PROCUREMENT,), {F2019: (C_PROC_ITEMS, C_PROC_AMOUNT)}),
)
AMOUNT_COLUMNS = frozenset({"amount"})
S2_ROWS: tuple[Label, ...] = tuple(row for item in S2_ITEMS for row in item.rows)
S2_COLUMNS: tuple[Label, ...] = tuple(
    {
        col.pattern: col for item in S2_ITEMS for cols in item.columns.values() for col in cols
    }.values()
)

# --- section 三 ---------------------------------------------------------------------------

S3_ROWS: tuple[Label, ...] = (
    Label("new", "一、本年新收政府信息公开申请数量", "applications received this year", "本年新收"),
    Label(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "carried over from last year",
        "上年结转",
    ),
    Label("result_public", "(一)予以公开", "result: disclosed", "予以公开"),
    Label(
        "result_partial",
        "(二)部分公开",
        "result: partly disclosed",
        r"部分公开(?:[(（][^)）]{0,40}[)）])?",
    ),
    Label(
        "result_withheld_state_secret",
        "(三)不予公开 1.属于国家秘密",
        "withheld: state secret",
        "(?:属于)?国家秘密",
        enum=1,
    ),
    Label(
        "result_withheld_law",
        "(三)不予公开 2.其他法律行政法规禁止公开",
        "withheld: barred by other laws",
        "其他法律行政法规禁止公开",
        enum=2,
    ),
    Label(
        "result_withheld_safety",
        "(三)不予公开 3.危及“三安全一稳定”",
        "withheld: endangers security or stability",
        r"危及\W{0,2}三安全一稳定\W{0,2}",
        enum=3,
    ),
    Label(
        "result_withheld_third_party",
        "(三)不予公开 4.保护第三方合法权益",
        "withheld: third-party rights",
        "保护第三方合法权益",
        enum=4,
    ),
    Label(
        "result_withheld_internal",
        "(三)不予公开 5.属于三类内部事务信息",
        "withheld: internal affairs",
        "(?:属于)?三类内部事务信息",
        enum=5,
    ),
    Label(
        "result_withheld_process",
        "(三)不予公开 6.属于四类过程性信息",
        "withheld: process information",
        "(?:属于)?四类过程性信息",
        enum=6,
    ),
    Label(
        "result_withheld_enforcement",
        "(三)不予公开 7.属于行政执法案卷",
        "withheld: enforcement files",
        "(?:属于)?行政执法案卷",
        enum=7,
    ),
    Label(
        "result_withheld_inquiry",
        "(三)不予公开 8.属于行政查询事项",
        "withheld: administrative inquiry matter",
        "(?:属于)?行政查询事项",
        enum=8,
    ),
    Label(
        "result_unavailable_not_held",
        "(四)无法提供 1.本机关不掌握相关政府信息",
        "unavailable: not held",
        "(?:本机关)?不掌握相关政府信息",
        enum=1,
    ),
    Label(
        "result_unavailable_to_create",
        "(四)无法提供 2.没有现成信息需要另行制作",
        "unavailable: would have to be created",
        "没有现成信息需要另行制作",
        enum=2,
    ),
    Label(
        "result_unavailable_unclear",
        "(四)无法提供 3.补正后申请内容仍不明确",
        "unavailable: unclear after correction",
        "补正后申请内容仍不明确",
        enum=3,
    ),
    Label(
        "result_unprocessed_petition",
        "(五)不予处理 1.信访举报投诉类申请",
        "not processed: petition or complaint",
        "信访举报投诉类申请",
        enum=1,
    ),
    Label(
        "result_unprocessed_repeat",
        "(五)不予处理 2.重复申请",
        "not processed: repeated application",
        "重复申请",
        enum=2,
    ),
    Label(
        "result_unprocessed_publication",
        "(五)不予处理 3.要求提供公开出版物",
        "not processed: asks for publications",
        "要求提供公开出版物",
        enum=3,
    ),
    Label(
        "result_unprocessed_excessive",
        "(五)不予处理 4.无正当理由大量反复申请",
        "not processed: excessive repeated applications",
        "无正当理由大量反复申请",
        enum=4,
    ),
    Label(
        "result_unprocessed_confirmation",
        "(五)不予处理 5.要求行政机关确认或重新出具已获取信息",
        "not processed: asks to confirm or reissue information",
        "要求行政机关确认或重新出具已获取信息",
        enum=5,
    ),
    Label("result_other", "(六)其他处理", "other handling (2019 format)", "其他处理", (F2019,)),
    Label(
        "result_other_no_correction",
        "(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other: applicant did not correct in time",
        r"(?:申请人无正当理由)?逾期不补正(?:\W{0,2}行政机关不再处理其政府信息公开申请)?",
        (F2021,),
        enum=1,
    ),
    Label(
        "result_other_no_fee",
        "(六)其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other: applicant did not pay the fee in time",
        r"(?:申请人)?逾期未按收费通知要求缴纳费用(?:\W{0,2}行政机关不再处理其政府信息公开申请)?",
        (F2021,),
        enum=2,
    ),
    Label(
        "result_other_other",
        "(六)其他处理 3.其他",
        "other: other",
        r"(?<!或)其他(?![组处法结对])",
        (F2021,),
        enum=3,
        exact=True,
    ),
    Label("result_total", "(七)总计", "results: total", r"[(（]?七[)）]?\W{0,2}总计"),
    Label(
        "carry_forward",
        "四、结转下年度继续办理",
        "carried forward to next year",
        "结转下年度继续办理",
    ),
)
S3_OUTCOME_ROWS: tuple[str, ...] = tuple(
    row.id for row in S3_ROWS if row.id.startswith("result_") and row.id != "result_total"
)

S3_COLUMNS: tuple[Label, ...] = (
    Label("natural_person", "自然人", "natural persons", "自然人"),
    Label("business", "法人或其他组织 · 商业企业", "businesses", "商业企业"),
    Label("research", "法人或其他组织 · 科研机构", "research institutions", "科研机构"),
    Label(
        "nonprofit",
        "法人或其他组织 · 社会公益组织",
        "public-interest organisations",
        "社会公益组织",
    ),
    Label("legal", "法人或其他组织 · 法律服务机构", "legal service providers", "法律服务机构"),
    Label(
        "other_org",
        "法人或其他组织 · 其他",
        "other organisations",
        r"(?<!或)其他(?![组处法结对])",
        exact=True,
    ),
    Label("total", "总计", "total", "总计"),
)
S3_ORG_GROUP = Label(
    "org", "法人或其他组织", "legal persons or other organisations", "法人或其他组织"
)
S3_APPLICANT_COLUMNS: tuple[str, ...] = tuple(col.id for col in S3_COLUMNS[:-1])

# --- section 四 ---------------------------------------------------------------------------

S4_GROUPS: tuple[Label, ...] = (
    Label("review", "行政复议", "administrative reconsideration", "行政复议"),
    Label(
        "suit_direct",
        "行政诉讼 · 未经复议直接起诉",
        "lawsuits without prior reconsideration",
        "未经复议直接起诉",
    ),
    Label(
        "suit_after_review",
        "行政诉讼 · 复议后起诉",
        "lawsuits after reconsideration",
        "复议后起诉",
    ),
)
S4_OUTCOMES: tuple[Label, ...] = (
    Label("upheld", "结果维持", "decision upheld", "维持"),
    Label("corrected", "结果纠正", "decision corrected", "纠正"),
    Label("other", "其他结果", "other outcome", "其他"),
    Label("pending", "尚未审结", "not yet concluded", "尚未"),
    Label("total", "总计", "total", "总计"),
)


def _s2_cells() -> list[CellSpec]:
    """Cells of section 二 for both formats, each key listed once."""
    cells: dict[str, CellSpec] = {}
    for item in S2_ITEMS:
        for fmt, columns in item.columns.items():
            for row in item.rows:
                if fmt not in row.formats:
                    continue
                for column in columns:
                    spec = CellSpec("s2", row, column, (fmt,), column.id in AMOUNT_COLUMNS)
                    known = cells.get(spec.key)
                    if known is not None:
                        spec = CellSpec("s2", row, column, known.formats + (fmt,), spec.amount)
                    cells[spec.key] = spec
    return list(cells.values())


def _s3_cells() -> list[CellSpec]:
    """Cells of section 三: every row times every applicant column."""
    return [CellSpec("s3", row, col, row.formats) for row in S3_ROWS for col in S3_COLUMNS]


def _s4_cells() -> list[CellSpec]:
    """Cells of section 四: three groups times five outcomes."""
    return [CellSpec("s4", grp, out, BOTH) for grp in S4_GROUPS for out in S4_OUTCOMES]


CELLS: tuple[CellSpec, ...] = tuple(_s2_cells() + _s3_cells() + _s4_cells())
CELLS_BY_KEY: dict[str, CellSpec] = {spec.key: spec for spec in CELLS}
KEY_ORDER: dict[str, int] = {spec.key: index for index, spec in enumerate(CELLS)}


def s2_item_of_row(row_id: str) -> S2Item:
    """The 第二十条 item a section 二 row belongs to."""
    for item in S2_ITEMS:
        if any(row.id == row_id for row in item.rows):
            return item
    raise KeyError(row_id)


def columns_markdown() -> str:
    """Render the documentation table of every cell key (the content of COLUMNS.md)."""
    lines = [
        "# Statistics columns",
        "",
        "Generated from `govcorpus/tables/schema.py` (`columns_markdown()`); do not edit by hand.",
        "Keys are `<section>_<row>_<column>`. Values are integers except the `amount` columns",
        "(floats: 收费金额 in 万元; 采购总金额 as written in the report). A missing key means",
        "the report has no such cell; an empty value means the cell exists but is blank or",
        "unreadable.",
        "",
        "| key | formats | 中文 | English |",
        "|---|---|---|---|",
    ]
    for spec in CELLS:
        zh = f"{spec.row.zh} · {spec.column.zh}"
        en = f"{spec.row.en} · {spec.column.en}"
        lines.append(f"| `{spec.key}` | {', '.join(spec.formats)} | {zh} | {en} |")
    return "\n".join(lines) + "\n"
