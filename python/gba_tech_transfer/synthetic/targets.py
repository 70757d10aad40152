"""Calibration targets: the numbers the plan is built to, and the mix of the rest of the export.

The article's numbers are not copied here: they are read from the seed published_figures (the in-scope total,
Guangzhou's transfers out, Shenzhen's intake enterprises, the two leading industries), and the cutoff from var
cutoff_date in dbt_project.yml. calibration.py evaluates every condition of that seed on the plan
(docs/architecture.md, "Published figures as data"). The other numbers are this generator's choices: the rest
of the distribution, within which the published conditions hold, and the proportions of duplicates,
out-of-scope and unreadable rows. Tweak here (or a seed row), regenerate, rerun the tests.
"""

from __future__ import annotations

import datetime as dt

from ..published_figures import cutoff_date, target

SEED = 20251031
CUTOFF = cutoff_date()
FIRST_EFFECTIVE = dt.date(2015, 1, 1)
TOTAL_IN_SCOPE = int(target("in_scope_transfers", "fct_transfers"))

# transfers out by primary transferor city (outside sources only go to GBA enterprises); 大湾区外 takes the rest
TRANSFERS_OUT = {
    "广州": int(target("transfers_out", "广州")),
    "深圳": 7600,
    "珠海": 900,
    "佛山": 1100,
    "东莞": 1000,
    "惠州": 400,
    "中山": 300,
    "江门": 350,
    "肇庆": 250,
    "香港": 1500,
    "澳门": 400,
}
TRANSFERS_OUT["大湾区外"] = TOTAL_IN_SCOPE - sum(TRANSFERS_OUT.values())
# transfers in by primary transferee city (outside destinations only from GBA sources); 大湾区外 takes the rest
TRANSFERS_IN = {
    "深圳": 9000,
    "广州": 8000,
    "佛山": 5200,
    "东莞": 5000,
    "珠海": 4300,
    "惠州": 4200,
    "中山": 4100,
    "江门": 1200,
    "肇庆": 900,
    "香港": 300,
    "澳门": 150,
}
TRANSFERS_IN["大湾区外"] = TOTAL_IN_SCOPE - sum(TRANSFERS_IN.values())
# distinct primary transferee enterprises by city (the outside pool is not a published figure)
ENTERPRISES = {
    "深圳": int(target("intake_enterprises", "深圳")),
    "广州": 400,
    "佛山": 300,
    "东莞": 280,
    "珠海": 230,
    "惠州": 220,
    "中山": 210,
    "江门": 100,
    "肇庆": 80,
    "香港": 35,
    "澳门": 12,
    "大湾区外": 110,
}

# industries by rank; the first five are named by the article, the rest are ranked at run time
# (hard-tech industries first, one consumer industry at rank 9), all counts distinct and >= 100; the first two
# are the seed's, the last takes what the in-scope total leaves after the others and the unmapped
FIXED_RANKS = ("生物医药", "半导体与集成电路", "软件与信息服务", "智能制造", "前沿新材料")
_INDUSTRY_COUNTS = (
    int(target("industry_transfers", FIXED_RANKS[0])),
    int(target("industry_transfers", FIXED_RANKS[1])),
    3180,
    3020,
    2870,
    2630,
    2400,
    2170,
    1960,
    1760,
    1570,
    1400,
    1220,
    967,
    870,
    765,
    670,
    585,
    505,
    440,
    380,
    325,
    275,
    232,
    195,
    162,
    135,
)
# in-scope transfers in no industry (docs/architecture.md, "Industry and quality"): design patents (no IPC:
# Locarno-classified) and main IPCs the concordance maps to none; with the 28 industries they make up
# TOTAL_IN_SCOPE
UNMAPPED_IN_SCOPE = {"design": 240, "unmapped_ipc": 60}
INDUSTRY_COUNTS = (
    *_INDUSTRY_COUNTS,
    TOTAL_IN_SCOPE - sum(_INDUSTRY_COUNTS) - sum(UNMAPPED_IN_SCOPE.values()),
)
NON_HARD_TECH_RANK = 9
# invention share: from BIO_INVENTION_SHARE at rank 1 down to SMALLEST_SHARE at rank 28, then shuffled a
# little (ranks 6+) until Spearman's rho between transfers and invention share is at most SHARE_RHO_TARGET
BIO_INVENTION_SHARE = 0.94
SMALLEST_SHARE = 0.35
SHARE_RHO_TARGET = 0.82
# PCT-linked share of biomedicine inventions (Guangzhou/Shenzhen involved, elsewhere), other inventions
PCT_BIO_GZ_SZ = 0.50
PCT_BIO_OTHER = 0.30
PCT_OTHER = 0.10
# calibration aims beyond the published conditions (checked beside them, so that a small change in the plan
# cannot bring a figure to its edge): biomedicine cities with an invention share above the seed's threshold,
# PCT-linked biomedicine transfers of each named city, and the two leading tracks' invention share
AIM_BIOMEDICINE_CITIES_EXTRA = 1  # cities beyond the seed's at_least
AIM_PCT_MARGIN = 1.2  # times the seed's threshold
AIM_INVENTION_SHARE_MARGIN = 0.1  # above the seed's threshold

# effective-date trend (weight per year, 2025 runs to the cutoff)
YEAR_WEIGHTS = {
    2015: 3.0,
    2016: 4.0,
    2017: 5.0,
    2018: 6.0,
    2019: 7.0,
    2020: 8.0,
    2021: 9.5,
    2022: 10.5,
    2023: 11.5,
    2024: 12.5,
    2025: 11.0,
}
AGE_WEIGHTS = {1: 6, 2: 10, 3: 11, 4: 10, 5: 9, 6: 8, 7: 6, 8: 5, 9: 4, 10: 3, 11: 2, 12: 1.5}
OLD_FORMAT_IN_SCOPE = 60  # applications filed 2000-2003 (8-digit numbers)

# party-list shapes of in-scope transfers
P_INSTITUTION_NOT_FIRST = 0.025  # [enterprise or person; institution]
P_COOWNER_ASSIGNOR = 0.06  # [institution; co-owner]
P_COOWNER_ASSIGNEE = 0.06  # [enterprise; co-owner]
P_ENTERPRISE_NOT_FIRST = 0.035  # [person or institution; 深圳市XX公司]

# out-of-scope rows by kind (reason in the contract)
OUT_OF_SCOPE = {
    "licence": 1300,
    "pledge": 800,
    "rename": 500,  # not_a_transfer
    "after_cutoff": 450,  # after_cutoff
    "enterprise_to_enterprise": 1500,
    "individual_to_enterprise": 500,  # no_research_transferor
    "institution_to_institution": 350,
    "institution_to_individual": 300,  # no_enterprise_transferee
    "outside_both": 450,  # outside_gba
}
OUT_OF_SCOPE_REASON = {
    "licence": "not_a_transfer",
    "pledge": "not_a_transfer",
    "rename": "not_a_transfer",
    "after_cutoff": "after_cutoff",
    "enterprise_to_enterprise": "no_research_transferor",
    "individual_to_enterprise": "no_research_transferor",
    "institution_to_institution": "no_enterprise_transferee",
    "institution_to_individual": "no_enterprise_transferee",
    "outside_both": "outside_gba",
}
RETRANSFERS = 500  # of the enterprise_to_enterprise rows: a later transfer of an in-scope patent
ASSET_COMPANY_SOLE_ASSIGNOR = 40  # of the enterprise_to_enterprise rows
REJECTED = {"malformed_application_no": 130, "bad_check_digit": 140, "bad_date": 140, "empty_party": 110}
DUPLICATES = {"in_scope": 1250, "out_of_scope": 300}
EXACT_DUPLICATE_SHARE = 0.4
MAX_SCALE = 100  # application-number blocks per (year, type) allow 100 copies
