"""Render the marts as one self-contained, offline HTML report with charts, and check it in a browser.

    python -m gba_tech_transfer.report --warehouse warehouse/gba_tech_transfer.duckdb \
        --out warehouse/report/index.html [--screenshot warehouse/report/screenshot.png]

Charts are Vega-Altair specs; the Vega, Vega-Lite and Vega-Embed JavaScript comes from vl-convert's bundle and
is inlined in the page, so it opens offline (no CDN, no network). Sections: sources and intake by city with
the 11-city mean line, the city-to-city flow matrix, a flow map (the GBA cities at their coordinates joined by
lines weighted by transfers, and the provinces outside the GBA as points; no basemap), the institution ranking,
industries ranked with the hard-tech flag, transfers against invention share per industry, transfers by year,
and the published-figure table.

With --screenshot the page is opened in a headless Chrome or Chromium (browser.py: an installed one, driven by
selenium): the run fails on a console error, a network request, or a chart that rendered no marks, and a
full-page screenshot is written. `make report` does both; python/tests/test_report.py runs the same check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import sys
from pathlib import Path

import altair as alt
import duckdb
import vl_convert as vlc

from .. import DEFAULT_WAREHOUSE, make_var
from .browser import BrowserNotFound, check_in_browser

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif'
HARD_TECH_COLORS = alt.Scale(domain=["hard tech", "other"], range=["#1f5fa8", "#c9a227"])


class ReportError(RuntimeError):
    """The marts cannot make a report (missing or empty table)."""


# --- data -------------------------------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load(database: Path) -> dict[str, list[dict]]:
    """Read what the report shows from the marts (read-only)."""
    if not Path(database).is_file():
        raise ReportError(f"no warehouse at {database}: run `make build` first")
    with duckdb.connect(str(database), read_only=True) as con:
        data = {
            "cities": _rows(
                con,
                """
                select c.city, c.city_en, c.city || ' ' || c.city_en as city_label, c.display_order, c.is_gba,
                       c.transfers_out, c.transfers_in, c.intake_enterprises, c.transfers_in_or_out,
                       c.transfers_out_to_mean_ratio, c.transfers_in_to_mean_ratio,
                       c.intake_enterprises_to_mean_ratio,
                       c.transfers_out_mean as out_mean, c.transfers_in_mean as in_mean,
                       c.intake_enterprises_mean as ent_mean
                from marts.city_summary as c
                order by c.display_order""",
            ),
            "flows": _rows(
                con,
                """
                select f.source_city || ' ' || s.city_en as source_label, s.display_order as source_order,
                       f.destination_city || ' ' || d.city_en as destination_label,
                       d.display_order as destination_order, f.transfers, f.transfer_share, f.is_intra_city
                from marts.city_flows as f
                inner join marts.dim_cities as s on f.source_city = s.city
                inner join marts.dim_cities as d on f.destination_city = d.city""",
            ),
            "region_flows": _rows(
                con,
                """
                with coordinates as (
                    -- the GBA cities' own rows and the provinces, from the division table (ref_divisions)
                    select city as region, longitude, latitude from seeds.ref_divisions
                    where city != '大湾区外' and adcode = prefecture_adcode
                    union all
                    select case when province_name = '广东省' then '广东省（大湾区外）' else province_name end,
                           longitude, latitude
                    from seeds.ref_divisions where division_level = 'province' and city = '大湾区外'
                ),
                flows as (
                    select source_region, destination_region, sum(transfers) as transfers
                    from marts.region_flows where source_region != destination_region
                    group by 1, 2
                )
                select f.source_region, f.destination_region, f.transfers,
                       s.longitude as source_longitude, s.latitude as source_latitude,
                       d.longitude as destination_longitude, d.latitude as destination_latitude
                from flows as f
                inner join coordinates as s on f.source_region = s.region
                inner join coordinates as d on f.destination_region = d.region
                where s.longitude is not null and d.longitude is not null""",
            ),
            "institutions": _rows(
                con,
                """
                select institution_name, city, institution_kind, transfers_out, transfers_out_rank,
                       city_transfers_out_rank, kind_transfers_out_rank, enterprises, cities, provinces,
                       own_city_share, other_gba_city_share, outside_gba_share, top_industry
                from marts.institution_summary
                where transfers_out_rank <= 20
                order by transfers_out_rank, institution_name""",
            ),
            "industries": _rows(
                con,
                """
                select industry, industry_en, industry || ' ' || industry_en as industry_label,
                       case when is_hard_tech then 'hard tech' else 'other' end as hard_tech,
                       transfers, transfer_rank, transfer_share, invention_share, pct_linked_share,
                       high_value_share, ipc_entropy
                from marts.industry_summary
                where industry_id is not null
                order by transfer_rank, industry_id""",
            ),
            "years": _rows(
                con,
                """
                select effective_year, transfers from marts.yearly_trend
                where breakdown = 'all' order by effective_year""",
            ),
            "figures": _rows(
                con,
                """
                select figure_id, description, definition, comparator, expected, actual, holds, detail,
                       cutoff_date
                from marts.published_figure_checks order by figure_id""",
            ),
        }
    for name, rows in data.items():
        if not rows:
            raise ReportError(f"{database}: the data behind '{name}' is empty")
    return data


# --- charts -----------------------------------------------------------------------------------------------


def _data(rows: list[dict]) -> alt.Data:
    return alt.Data(values=[{k: _jsonable(v) for k, v in r.items()} for r in rows])


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def city_chart(cities: list[dict]) -> alt.Chart:
    """Sources and intake by city: one panel per measure, the 11 GBA cities, the 11-city mean as a rule."""
    measures = [
        ("transfers_out", "out_mean", "transfers_out_to_mean_ratio", "Sources: transfers out (源头)"),
        ("transfers_in", "in_mean", "transfers_in_to_mean_ratio", "Intake: transfers in (承接)"),
        ("intake_enterprises", "ent_mean", "intake_enterprises_to_mean_ratio", "Intake enterprises (承接企业)"),
    ]
    long = [
        {
            "city": c["city_label"],
            "order": c["display_order"],
            "measure": label,
            "value": c[col],
            "mean": round(c[mean], 1),
            "ratio": round(c[ratio], 2) if c[ratio] is not None else None,
            "above_mean": "above the 11-city mean" if c[col] > c[mean] else "at or below the mean",
        }
        for col, mean, ratio, label in measures
        for c in cities
        if c["is_gba"]
    ]
    base = alt.Chart().properties(width=330, height=260)
    bars = base.mark_bar().encode(
        x=alt.X("city:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=None),
        color=alt.Color(
            "above_mean:N",
            title=None,
            scale=alt.Scale(domain=["above the 11-city mean", "at or below the mean"], range=["#1f5fa8", "#a9bcd0"]),
            legend=alt.Legend(orient="top"),
        ),
        tooltip=[
            alt.Tooltip("city:N", title="city"),
            alt.Tooltip("value:Q", format=",", title="value"),
            alt.Tooltip("mean:Q", format=",.1f", title="11-city mean"),
            alt.Tooltip("ratio:Q", format=".2f", title="× mean"),
        ],
    )
    rule = base.mark_rule(color="#c0392b", strokeDash=[5, 3], size=2).encode(y="mean(mean):Q")
    rule_label = (
        base.transform_aggregate(mean="mean(mean)", groupby=["measure"])
        .transform_calculate(label="'11-city mean ' + format(datum.mean, ',.0f')")
        .mark_text(align="right", baseline="bottom", dy=-3, color="#c0392b", fontSize=11)
        .encode(x=alt.value(328), y="mean:Q", text="label:N")
    )
    return (
        alt.layer(bars, rule, rule_label, data=_data(long))
        .facet(
            column=alt.Column(
                "measure:N",
                title=None,
                sort=[m[3] for m in measures],
                header=alt.Header(labelFontSize=13, labelFontWeight="bold"),
            )
        )
        .resolve_scale(y="independent")
    )


def flow_chart(flows: list[dict]) -> alt.Chart:
    """City-to-city flow matrix: source city (rows) × destination city (columns), log colour scale."""
    base = alt.Chart(_data(flows)).encode(
        x=alt.X(
            "destination_label:N",
            sort=alt.EncodingSortField("destination_order"),
            title="destination city (primary transferee)",
            axis=alt.Axis(labelAngle=-45, orient="top"),
        ),
        y=alt.Y("source_label:N", sort=alt.EncodingSortField("source_order"), title="source city (primary transferor)"),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("transfers:Q", scale=alt.Scale(type="log", scheme="blues"), title="transfers"),
        tooltip=[
            alt.Tooltip("source_label:N", title="from"),
            alt.Tooltip("destination_label:N", title="to"),
            alt.Tooltip("transfers:Q", format=","),
            alt.Tooltip("transfer_share:Q", format=".2%", title="share of all"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(
        text=alt.Text("transfers:Q", format=","),
        color=alt.condition("datum.transfers > 1500", alt.value("white"), alt.value("#222")),
    )
    return (cells + text).properties(width=720, height=480)


GBA_CITIES = ("广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆", "香港", "澳门")


def flow_map(region_flows: list[dict]) -> alt.HConcatChart:
    """The flows on a map without a basemap: left, the 11 GBA cities at their coordinates joined by lines as wide
    as the transfers between them (both directions together); right, the provinces outside the GBA as points
    sized by their transfers with the GBA (both directions), beside the GBA's cities."""
    pairs: dict[tuple[str, str], dict] = {}
    provinces: dict[str, dict] = {}
    cities: dict[str, dict] = {}
    for f in region_flows:
        source_gba, destination_gba = f["source_region"] in GBA_CITIES, f["destination_region"] in GBA_CITIES
        for side, gba in (("source", source_gba), ("destination", destination_gba)):
            if gba:
                cities[f[f"{side}_region"]] = {
                    "city": f[f"{side}_region"],
                    "longitude": f[f"{side}_longitude"],
                    "latitude": f[f"{side}_latitude"],
                }
        if source_gba and destination_gba:
            a, b = sorted((f["source_region"], f["destination_region"]))
            pair = pairs.setdefault(
                (a, b),
                {"from": a, "to": b, "transfers": 0, "lon1": None, "lat1": None, "lon2": None, "lat2": None},
            )
            pair["transfers"] += f["transfers"]
            first = "source" if f["source_region"] == a else "destination"
            second = "destination" if first == "source" else "source"
            pair.update(
                lon1=f[f"{first}_longitude"],
                lat1=f[f"{first}_latitude"],
                lon2=f[f"{second}_longitude"],
                lat2=f[f"{second}_latitude"],
            )
        elif source_gba != destination_gba:
            side = "destination" if source_gba else "source"
            province = provinces.setdefault(
                f[f"{side}_region"],
                {
                    "province": f[f"{side}_region"],
                    "longitude": f[f"{side}_longitude"],
                    "latitude": f[f"{side}_latitude"],
                    "to_gba": 0,
                    "from_gba": 0,
                },
            )
            province["to_gba" if side == "source" else "from_gba"] += f["transfers"]
    for province in provinces.values():
        province["transfers"] = province["to_gba"] + province["from_gba"]
    city_rows = list(cities.values())
    lines = (
        alt.Chart(_data(sorted(pairs.values(), key=lambda p: p["transfers"])))
        .mark_rule(color="#1f5fa8", opacity=0.55, strokeCap="round")
        .encode(
            longitude="lon1:Q",
            latitude="lat1:Q",
            longitude2="lon2:Q",
            latitude2="lat2:Q",
            strokeWidth=alt.StrokeWidth("transfers:Q", scale=alt.Scale(range=[0.5, 14]), title="transfers"),
            tooltip=[alt.Tooltip("from:N"), alt.Tooltip("to:N"), alt.Tooltip("transfers:Q", format=",")],
        )
    )
    points = (
        alt.Chart(_data(city_rows))
        .mark_circle(size=90, color="#c0392b", opacity=0.9)
        .encode(longitude="longitude:Q", latitude="latitude:Q", tooltip=[alt.Tooltip("city:N")])
    )
    labels = (
        alt.Chart(_data(city_rows))
        .mark_text(dy=-10, fontSize=12, fontWeight="bold")
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="city:N")
    )
    inside = (
        (lines + points + labels)
        .project(type="mercator")
        .properties(width=520, height=440, title="Between the 11 GBA cities (both directions)")
    )
    outside_points = (
        alt.Chart(_data(sorted(provinces.values(), key=lambda p: -p["transfers"])))
        .mark_circle(color="#c9a227", opacity=0.8, stroke="#7a5d00")
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("transfers:Q", scale=alt.Scale(range=[30, 1600]), title="transfers with the GBA"),
            tooltip=[
                alt.Tooltip("province:N"),
                alt.Tooltip("to_gba:Q", format=",", title="to the GBA"),
                alt.Tooltip("from_gba:Q", format=",", title="from the GBA"),
            ],
        )
    )
    outside_labels = (
        alt.Chart(_data(list(provinces.values())))
        .mark_text(dy=-12, fontSize=10)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="province:N")
        .transform_filter("datum.to_gba + datum.from_gba >= 100")
    )
    gba_points = (
        alt.Chart(_data(city_rows))
        .mark_circle(size=25, color="#c0392b")
        .encode(longitude="longitude:Q", latitude="latitude:Q", tooltip=[alt.Tooltip("city:N")])
    )
    beyond = (
        (outside_points + outside_labels + gba_points)
        .project(type="equirectangular")
        .properties(width=520, height=440, title="Provinces outside the GBA: transfers with it (both directions)")
    )
    # Two projection types, so that Vega-Lite fits each panel to its own data (identical projections of
    # concatenated views are merged into one, fitted to both).
    return alt.hconcat(inside, beyond).resolve_scale(size="independent", strokeWidth="independent")


def ranking_chart(institutions: list[dict]) -> alt.Chart:
    """The institution ranking: the top 20 research institutions by transfers out, coloured by city."""
    rows = [dict(i, label=f"{i['transfers_out_rank']}. {i['institution_name']}") for i in institutions]
    return (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=alt.EncodingSortField("transfers_out", order="descending"), title=None),
            x=alt.X("transfers_out:Q", title="in-scope transfers out"),
            color=alt.Color("city:N", title="city", legend=alt.Legend(orient="bottom-right")),
            tooltip=[
                alt.Tooltip("institution_name:N", title="institution"),
                alt.Tooltip("city:N"),
                alt.Tooltip("institution_kind:N", title="kind"),
                alt.Tooltip("transfers_out:Q", format=",", title="transfers out"),
                alt.Tooltip("transfers_out_rank:Q", title="rank overall"),
                alt.Tooltip("city_transfers_out_rank:Q", title="rank in its city"),
                alt.Tooltip("kind_transfers_out_rank:Q", title="rank in its kind"),
                alt.Tooltip("enterprises:Q", format=",", title="enterprises reached"),
                alt.Tooltip("own_city_share:Q", format=".1%", title="to its own city"),
                alt.Tooltip("other_gba_city_share:Q", format=".1%", title="to other GBA cities"),
                alt.Tooltip("outside_gba_share:Q", format=".1%", title="outside the GBA or unknown"),
                alt.Tooltip("top_industry:N", title="top industry"),
            ],
        )
        .properties(width=620, height=alt.Step(18))
    )


def industry_chart(industries: list[dict]) -> alt.Chart:
    """Industries ranked by transfers, coloured by the taxonomy's hard-tech flag."""
    return (
        alt.Chart(_data(industries))
        .mark_bar()
        .encode(
            y=alt.Y(
                "industry_label:N",
                sort=alt.EncodingSortField("transfer_rank"),
                title=None,
                axis=alt.Axis(labelLimit=360),
            ),
            x=alt.X("transfers:Q", title="in-scope transfers"),
            color=alt.Color(
                "hard_tech:N", scale=HARD_TECH_COLORS, title="taxonomy flag", legend=alt.Legend(orient="bottom-right")
            ),
            tooltip=[
                alt.Tooltip("industry:N"),
                alt.Tooltip("industry_en:N", title="English"),
                alt.Tooltip("transfer_rank:Q", title="rank"),
                alt.Tooltip("transfers:Q", format=","),
                alt.Tooltip("transfer_share:Q", format=".1%", title="share"),
                alt.Tooltip("hard_tech:N"),
            ],
        )
        .properties(width=520, height=alt.Step(17))
    )


def quality_chart(industries: list[dict], rho: float | None) -> alt.Chart:
    """Transfers (log) against invention share per industry, with a log-linear trend line."""
    data = _data([i for i in industries if i["transfers"]])
    base = alt.Chart(data).encode(
        x=alt.X("transfers:Q", scale=alt.Scale(type="log", domain=[80, 30000]), title="in-scope transfers (log scale)"),
        y=alt.Y("invention_share:Q", axis=alt.Axis(format=".0%"), title="invention share", scale=alt.Scale(zero=False)),
    )
    points = base.mark_circle(size=90, opacity=0.85).encode(
        color=alt.Color(
            "hard_tech:N", scale=HARD_TECH_COLORS, title="taxonomy flag", legend=alt.Legend(orient="bottom-right")
        ),
        tooltip=[
            alt.Tooltip("industry:N"),
            alt.Tooltip("industry_en:N", title="English"),
            alt.Tooltip("transfers:Q", format=","),
            alt.Tooltip("invention_share:Q", format=".1%"),
            alt.Tooltip("pct_linked_share:Q", format=".1%", title="PCT-linked share"),
            alt.Tooltip("high_value_share:Q", format=".1%", title="high-value share"),
        ],
    )
    labels = (
        base.mark_text(align="left", dx=7, fontSize=10)
        .encode(text="industry:N")
        .transform_filter("datum.transfer_rank <= 3")
    )
    trend = base.mark_line(color="#888", strokeDash=[4, 4]).transform_regression(
        "transfers", "invention_share", method="log"
    )
    title = "Spearman ρ (transfers vs invention share, 28 industries)"
    subtitle = f"{title}: {rho:.3f}" if rho is not None else title + ": n/a"
    return (trend + points + labels).properties(
        width=620, height=380, title=alt.Title("More active fields, higher quality", subtitle=subtitle)
    )


def year_chart(years: list[dict]) -> alt.Chart:
    return (
        alt.Chart(_data(years))
        .mark_bar(color="#1f5fa8")
        .encode(
            x=alt.X("effective_year:O", title="effective year"),
            y=alt.Y("transfers:Q", title="in-scope transfers"),
            tooltip=[alt.Tooltip("effective_year:O", title="year"), alt.Tooltip("transfers:Q", format=",")],
        )
        .properties(width=620, height=220)
    )


def charts(data: dict[str, list[dict]]) -> dict[str, alt.TopLevelMixin]:
    rho = next((f["actual"] for f in data["figures"] if f["figure_id"] == "PF17"), None)
    return {
        "cities": city_chart(data["cities"]),
        "flows": flow_chart(data["flows"]),
        "flowmap": flow_map(data["region_flows"]),
        "ranking": ranking_chart(data["institutions"]),
        "industries": industry_chart(data["industries"]),
        "quality": quality_chart(data["industries"], rho),
        "years": year_chart(data["years"]),
    }


# --- page -------------------------------------------------------------------------------------------------

SECTIONS = [
    (
        "cities",
        "Sources and intake by city",
        "The 11 GBA cities (大湾区外, outside the GBA, is left out of the panels and of the mean). Transfers out count "
        "the primary transferor's city, transfers in and intake enterprises the primary transferee's; the dashed "
        "line is the 11-city mean (PF04, PF07, PF08).",
    ),
    (
        "flows",
        "City-to-city flows",
        "In-scope transfers by source city (rows) and destination city (columns); an unknown city counts as "
        "大湾区外. The diagonal is intra-city transfer.",
    ),
    (
        "flowmap",
        "Flow map",
        "Left: the 11 GBA cities at their coordinates (the division table's), lines as wide as the transfers "
        "between two cities in either direction. Right: each province outside the GBA as a point sized by its "
        "transfers with the GBA, both directions (marts.region_flows; Guangdong's other cities are one point at "
        "the province's coordinates). Parties whose province is unknown are not drawn. No basemap.",
    ),
    (
        "ranking",
        "Institution ranking",
        "The 20 research institutions with the most in-scope transfers out (marts.institution_summary); colour is "
        "the institution's city, the tooltip gives its ranks in its city and kind and where its patents went.",
    ),
    (
        "industries",
        "Industries ranked, with the hard-tech flag",
        "The 28 industries of the taxonomy by in-scope transfers; colour is the taxonomy's hard-tech flag (PF11–PF14). "
        "Transfers without an industry (no main IPC, or one that maps to none) are industry_summary's unmapped row, "
        "not drawn.",
    ),
    (
        "quality",
        "Transfers against invention share per industry",
        "Each point an industry; the dashed line a log-linear fit. The rank correlation is published figure PF17.",
    ),
    ("years", "Transfers by effective year", "In-scope transfers by the year the registration took effect."),
]

CSS = """
body { font-family: %(font)s; margin: 0; color: #1d2733; background: #f6f7f9; }
header { background: #14365d; color: white; padding: 28px 40px 20px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
header p { margin: 4px 0; opacity: .9; }
.synthetic { background: #fff4d6; border-left: 5px solid #d39e00; padding: 12px 16px; margin: 20px 40px;
             border-radius: 4px; }
main { padding: 0 40px 40px; max-width: 1280px; }
section { background: white; border-radius: 6px; padding: 18px 22px; margin: 18px 0;
          box-shadow: 0 1px 3px rgba(0,0,0,.08); }
section h2 { margin: 0 0 4px; font-size: 19px; }
section p.note { margin: 0 0 12px; color: #4a5563; font-size: 14px; }
.kpis { display: flex; gap: 14px; flex-wrap: wrap; margin: 8px 0 0; }
.kpi { background: rgba(255,255,255,.12); border-radius: 5px; padding: 8px 14px; }
.kpi b { display: block; font-size: 22px; }
table { border-collapse: collapse; width: 100%%; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e6ea; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ok { color: #1e7b34; font-weight: bold; } td.no { color: #b3261e; font-weight: bold; }
footer { color: #6b7480; font-size: 12px; padding: 0 40px 30px; }
""" % {"font": FONT}  # noqa: UP031 (CSS is all braces: str.format would need each one doubled)

EMBED_JS = """
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  Object.keys(specs).forEach(function (name) {
    var el = document.getElementById('chart-' + name);
    vegaEmbed(el, specs[name], {renderer: 'svg', actions: false})
      .then(function () { el.dataset.rendered = 'ok'; })
      .catch(function (err) { el.dataset.rendered = 'error'; console.error('chart ' + name + ': ' + err); });
  });
})();
"""


def _num(value) -> str:
    if value is None:
        return "NULL"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.3f}"


def figure_table(figures: list[dict]) -> str:
    rows = []
    for f in figures:
        ok = bool(f["holds"])
        rows.append(
            "<tr>"
            f"<td>{html.escape(f['figure_id'])}</td>"
            f'<td class="{"ok" if ok else "no"}">{"✓ holds" if ok else "✗ does not hold"}</td>'
            f"<td>{html.escape(f['description'])}</td>"
            f'<td class="num">{_num(f["actual"])}</td>'
            f'<td class="num">{html.escape(f["comparator"])} {_num(f["expected"])}</td>'
            f"<td>{html.escape(f['detail'] or '')}</td>"
            "</tr>"
        )
    return (
        '<table id="published-figures"><thead><tr><th>id</th><th>holds</th><th>figure (article)</th>'
        "<th>computed</th><th>published</th><th>inputs</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _vega_lite_version() -> str:
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else vlc.get_vegalite_versions()[-1]


def _json_for_script(value) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _inline_js(code: str) -> str:
    """JavaScript for an inline <script>: refuse code that would end the element early."""
    if re.search(r"</script|<!--", code, flags=re.IGNORECASE):
        raise ReportError("the JavaScript bundle holds '</script' or '<!--' and cannot be inlined as is")
    return code


def render(database: Path, out: Path) -> Path:
    """Write the report for `database` to `out` (an HTML file); return its path."""
    database, out = Path(database).resolve(), Path(out).resolve()
    data = load(database)
    specs = {
        name: chart.configure(font=FONT).configure_view(stroke=None).to_dict() for name, chart in charts(data).items()
    }
    bundle = vlc.javascript_bundle(vl_version=_vega_lite_version())
    figures = data["figures"]
    holding = sum(1 for f in figures if f["holds"])
    total = next((f["actual"] for f in figures if f["figure_id"] == "PF01"), None)
    cutoff = figures[0]["cutoff_date"]
    generated = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    sections = "".join(
        f'<section><h2>{html.escape(title)}</h2><p class="note">{html.escape(note)}</p>'
        f'<div class="chart" id="chart-{name}"></div></section>'
        for name, title, note in SECTIONS
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Technology transfer in the Greater Bay Area — gba_tech_transfer report</title>
<style>{CSS}</style>
<script>{_inline_js(bundle)}</script>
</head>
<body>
<header>
  <h1>粤港澳大湾区 产研技术转移 · Technology transfer in the Greater Bay Area</h1>
  <p>Patent transfers from research institutions to enterprises, effective on or before {html.escape(str(cutoff))}.</p>
  <div class="kpis">
    <div class="kpi"><b>{_num(total)}</b>in-scope transfers</div>
    <div class="kpi"><b>{holding} / {len(figures)}</b>published figures hold</div>
  </div>
</header>
<div class="synthetic" id="synthetic-notice"><b>Synthetic data.</b> The bundled transfer records are generated by
a deterministic script and calibrated so that the marts reproduce the published article's figures; enterprises
and titles are fictional. Reference data (cities, institutions, industries, IPC concordance) is real. A build
on your own export shows your data.</div>
<main>
{sections}
<section><h2>Published figures</h2>
<p class="note">Each figure of the article beside the value the marts compute (marts.published_figure_checks).</p>
{figure_table(figures)}
</section>
</main>
<footer>Generated {html.escape(generated)} from {html.escape(database.name)} by gba_tech_transfer.report
(Vega-Altair {html.escape(alt.__version__)}, Vega-Lite {html.escape(_vega_lite_version())}, Vega
{html.escape(vlc.get_vega_version())}, all inlined: this file needs no network).</footer>
<script type="application/json" id="chart-specs">{_json_for_script(specs)}</script>
<script>{EMBED_JS}</script>
</body>
</html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gba_tech_transfer.report", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        default=make_var("WAREHOUSE", DEFAULT_WAREHOUSE),
        help="built DuckDB file (default: make's WAREHOUSE, else %(default)s)",
    )
    parser.add_argument("--out", help="HTML file (default: report/index.html beside the warehouse)")
    parser.add_argument(
        "--screenshot",
        nargs="?",
        const="",
        default=None,
        help="open the report in headless Chromium, check it, and save a full-page PNG here "
        "(default: screenshot.png beside the HTML file)",
    )
    args = parser.parse_args(argv)
    args.out = args.out or str(Path(args.warehouse).parent / "report" / "index.html")
    if args.screenshot == "":
        args.screenshot = str(Path(args.out).with_name("screenshot.png"))
    try:
        out = render(Path(args.warehouse), Path(args.out))
    except ReportError as error:
        print(f"Report not written: {error}", file=sys.stderr)
        return 2
    print(f"Report: {out} ({out.stat().st_size / 1e6:.1f} MB, self-contained, opens offline)")
    if args.screenshot:
        try:
            check = check_in_browser(out, Path(args.screenshot))
        except BrowserNotFound as error:
            print(f"Report not checked: {error}", file=sys.stderr)
            return 2
        print(f"Screenshot: {check.screenshot}")
        print("Charts: " + ", ".join(f"{name} {n} marks" for name, n in check.chart_marks.items()))
        if check.problems:
            print("The report does not render cleanly:\n  " + "\n  ".join(check.problems), file=sys.stderr)
            return 1
        print("Checked in headless Chromium: no console error, no network request, every chart drawn.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
