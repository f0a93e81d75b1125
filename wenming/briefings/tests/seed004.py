"""Seed 004's adoption table (江苏精神文明建设简报 2022 年第 36 期) as import lines.

Each city's county-level pieces are spread over real counties of that city; some pieces are
carried by two issues, and a few extra lines sit just outside the year, so the table comes out
right only if the counting rule does.
"""

import json

# city: (city-level pieces, [(county, pieces), ...]) — the numbers of the seed's table
TABLE = {
    "南京市": (7, [("江宁区", 3), ("浦口区", 1)]),
    "无锡市": (4, [("江阴市", 2), ("宜兴市", 1)]),
    "徐州市": (2, [("沛县", 1), ("邳州市", 2)]),
    "常州市": (1, [("溧阳市", 2)]),
    "苏州市": (5, [("昆山市", 6), ("张家港市", 4)]),
    "南通市": (1, [("如皋市", 5), ("海安市", 4)]),
    "连云港市": (2, []),
    "淮安市": (3, [("涟水县", 1), ("盱眙县", 1)]),
    "盐城市": (3, [("东台市", 3), ("建湖县", 2)]),
    "扬州市": (2, [("仪征市", 1)]),
    "镇江市": (2, [("丹阳市", 2), ("句容市", 1)]),
    "泰州市": (4, [("兴化市", 1), ("靖江市", 1)]),
    "宿迁市": (5, [("沭阳县", 2), ("泗洪县", 1)]),
}
GENERAL = 3
SECTORS = [("省审计系统", 1), ("省交通运输系统", 1)]
EXPECTED_CSV = (
    ["region,city_level,county_level,total"]
    + [f"{city},{c},{sum(n for _x, n in counties)},{c + sum(n for _x, n in counties)}"
       for city, (c, counties) in TABLE.items()]
    + ["综合稿件,0,0,3", "省审计系统,0,0,1", "省交通运输系统,0,0,1", "合计,41,47,93"]
)


def lines() -> list[dict]:
    out: list[dict] = []
    seq = 0

    def piece(level, title, **where):
        nonlocal seq
        seq += 1
        ident = f"m{seq:03d}"
        out.append({"id": f"ms-{ident}", "type": "manuscript", "manuscript": ident, "level": level, "title": title,
                    "at": "2022-03-01T09:00:00+08:00", **where})
        return ident

    def adopted(ident, issue, at):
        out.append({"id": f"ad-{ident}-{issue}", "type": "adopted", "manuscript": ident, "briefing": issue, "at": at})

    count = 0
    for city, (city_level, counties) in TABLE.items():
        for i in range(city_level):
            count += 1
            ident = piece("city", f"{city}稿件{i + 1}", region=city)
            adopted(ident, f"2022-{1 + count % 35}", f"2022-{1 + count % 12:02d}-15T10:00:00+08:00")
        for county, n in counties:
            for i in range(n):
                count += 1
                ident = piece("county", f"{county}稿件{i + 1}", region=county, city=city)
                adopted(ident, f"2022-{1 + count % 35}", f"2022-{1 + count % 12:02d}-15T10:00:00+08:00")
                if i == 0:
                    # Carried again by issue 36: still one piece.
                    adopted(ident, "2022-36", "2022-12-28T09:00:00+08:00")
    for i in range(GENERAL):
        adopted(piece("general", f"综合稿件{i + 1}"), "2022-20", "2022-07-01T09:00:00+08:00")
    for sector, n in SECTORS:
        for i in range(n):
            adopted(piece("sector", f"{sector}稿件{i + 1}", sector=sector), "2022-30", "2022-10-10T09:00:00+08:00")
    # Outside 2022: adopted first in 2021 (then carried in 2022), adopted 1 January 2023 00:30 Shanghai
    # (31 December 16:30 UTC), and a piece never adopted.
    early = piece("city", "去年录用的稿件", region="南京市")
    adopted(early, "2021-12", "2021-12-30T10:00:00+08:00")
    adopted(early, "2022-36", "2022-12-28T09:00:00+08:00")
    late = piece("county", "跨年录用的稿件", region="江宁区", city="南京市")
    adopted(late, "2023-1", "2022-12-31T16:30:00+00:00")
    piece("city", "未录用的稿件", region="苏州市")
    return out


def write(path) -> None:
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines()) + "\n", encoding="utf-8")
