"""Portals of the testbed: real GB/T 2260 regions first, then synthesised ones, and their units."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from testbed.data import real_regions

STYLES = ("trs", "query", "xxgk")
REPORT_COLUMN_NAMES = ("政府信息公开年报", "信息公开年报", "年报", "政府信息公开工作年度报告")
SYNTH_FIRST = "安平宁和兴昌永新清丰泰临东西南北云龙凤石"
SYNTH_SECOND = "远乐阳川江山源城溪河林水田岭湖原泽桥台阁"
SYNTH_THIRD = "口坪塘湾"
UNITS = (
    ("人民政府", "zf"), ("人民政府办公室", "zfb"), ("发展和改革局", "fgj"),
    ("教育体育局", "jtj"), ("科学技术局", "kjj"), ("工业和信息化局", "gxj"),
    ("公安局", "gaj"), ("民政局", "mzj"), ("司法局", "sfj"), ("财政局", "czj"),
    ("人力资源和社会保障局", "rsj"), ("自然资源局", "zrzyj"), ("住房和城乡建设局", "zjj"),
    ("交通运输局", "jtysj"), ("水务局", "swj"), ("农业农村局", "nyncj"), ("商务局", "swuj"),
    ("文化和旅游局", "wlj"), ("卫生健康局", "wjj"), ("退役军人事务局", "tyjrswj"),
    ("应急管理局", "yjglj"), ("审计局", "sjj"), ("市场监督管理局", "scjgj"), ("统计局", "tjj"),
    ("医疗保障局", "ybj"), ("林业局", "lyj"), ("投资促进局", "tzcjj"),
    ("招商服务中心", "zsfwzx"), ("数据资源管理局", "sjzyj"), ("城市管理局", "cgj"),
    ("信访局", "xfj"), ("行政审批局", "xzspj"), ("档案馆", "dag"), ("融媒体中心", "rmtzx"),
    ("机关事务服务中心", "jgswzx"), ("供销合作社联合社", "gxs"), ("粮食和物资储备局", "lsj"),
    ("乡村振兴局", "xczxj"), ("生态环境分局", "sthjfj"), ("气象局", "qxj"),
)
TOWNS = (
    "城关", "龙山", "大坪", "新民", "白水", "高桥", "石门", "青山", "河口", "东风",
    "红星", "马场", "黄泥", "金竹", "双河", "长岭", "太平", "永和", "兴隆", "梅花",
    "三合", "桃源", "平安", "花桥", "沙坪", "清水", "竹林", "凤凰", "杨柳", "柳溪",
    "江口", "龙潭", "安乐", "松林", "荷塘", "盘龙", "回龙", "白鹤", "茶园", "西华",
)


@dataclass(frozen=True)
class PortalSpec:
    index: int
    region_code: str
    name: str
    level: str
    style: str
    slug: str
    column_name: str

    @property
    def domain(self) -> str:
        """The host name the portal's own pages mention (never contacted)."""
        return f"www.{self.slug}.gov.cn"

    @property
    def site_name(self) -> str:
        return f"{self.name}人民政府"

    @property
    def short(self) -> str:
        """The name without its level suffix, as in "师宗招商"."""
        name = self.name
        return name[:-1] if len(name) > 2 and name[-1] in "县区市旗" else name


@dataclass(frozen=True)
class Unit:
    name: str
    slug: str


def portal_specs(count: int) -> list[PortalSpec]:
    """The first `count` portals: real regions, then synthesised county codes and names."""
    regions = real_regions()
    rows = [(r["code"], r["name"], r["level"], r["slug"]) for r in regions]
    rows += _synthesised(count - len(rows), regions)
    return [_spec(i, *row) for i, row in enumerate(rows[:count])]


def _spec(index: int, code: str, name: str, level: str, slug: str) -> PortalSpec:
    column = REPORT_COLUMN_NAMES[index // len(STYLES) % len(REPORT_COLUMN_NAMES)]
    return PortalSpec(index, code, name, level, STYLES[index % len(STYLES)], slug, column)


def _synthesised(count: int, regions: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    taken_codes = {r["code"] for r in regions}
    taken_names = {r["name"] for r in regions}
    codes = _synthesised_codes(sorted({r["code"][:4] for r in regions}))
    rows: list[tuple[str, str, str, str]] = []
    serial = 0
    while len(rows) < count:
        code = next(codes, None)
        if code is None:
            raise ValueError("the testbed can synthesise at most a few thousand portals")
        name = _synth_name(serial)
        serial += 1
        if code not in taken_codes and name not in taken_names:
            rows.append((code, name, "county", f"x{code}"))
    return rows


def _synthesised_codes(prefixes: list[str]) -> Iterator[str]:
    """County codes 40–99 under the real prefectures, then 01–99 under prefecture numbers
    71–89 of the same provinces (enough for a national registry of a few thousand)."""
    for suffix in range(40, 100):
        for prefix in prefixes:
            yield f"{prefix}{suffix:02d}"
    provinces = sorted({prefix[:2] for prefix in prefixes})
    for prefecture in range(71, 90):
        for suffix in range(1, 100):
            for province in provinces:
                yield f"{province}{prefecture}{suffix:02d}"


def _synth_name(serial: int) -> str:
    first = SYNTH_FIRST[serial % len(SYNTH_FIRST)]
    second = SYNTH_SECOND[serial // len(SYNTH_FIRST) % len(SYNTH_SECOND)]
    return f"{first}{second}{_synth_tail(serial // 400)}县"


def _synth_tail(block: int) -> str:
    """"" for the first 400 names, then one of SYNTH_THIRD, then pairs of them."""
    if block == 0:
        return ""
    if block <= len(SYNTH_THIRD):
        return SYNTH_THIRD[block - 1]
    first, second = divmod(block - 1 - len(SYNTH_THIRD), len(SYNTH_THIRD))
    return SYNTH_THIRD[first % len(SYNTH_THIRD)] + SYNTH_THIRD[second]


def portal_units(spec: PortalSpec) -> list[Unit]:
    """Bodies that publish reports on a portal: the government, its departments, its towns."""
    units = [Unit(f"{spec.name}{suffix}", slug) for suffix, slug in UNITS]
    units += [Unit(f"{spec.name}{town}镇人民政府", f"zhen{i:02d}") for i, town in enumerate(TOWNS)]
    return units
