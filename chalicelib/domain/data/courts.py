"""Court directory: court codes (法院代字) as used in case numbers (案号).

Code structure (《最高人民法院关于人民法院案件案号的若干规定》, 法〔2015〕137号,
as amended by 法〔2018〕335号):

* 最高人民法院: 最高法.
* High courts: the one-character provincial abbreviation (京, 沪, ...), plus
  兵 (新疆维吾尔自治区高级人民法院生产建设兵团分院) and 军 (解放军军事法院).
* Intermediate courts: abbreviation + 2 digits (沪01). Specialised and
  cross-region intermediate courts use 71-99 (71 railway, 72 maritime,
  73 intellectual property, ...).
* Basic courts: abbreviation + 4 digits, normally the last four digits of
  the administrative-division code (沪0115 = 310115 浦东新区). Specialised
  basic courts use 71xx (沪7101 上海铁路运输法院); courts set up for
  development zones and the internet courts use xx9x (京0491, 浙0192).
* Since 2019 an optional one-character 专门审判代字 may follow the court code
  (so far only 知, e.g. （2019）最高法知民终1号); it is not part of the code.

Sources checked: real case numbers paired with court names in published
judgments and public data sets (裁判文书网 titles and headers, court notices,
enforcement records), the 2014 Xinhua report on the founding of 上海三中院,
and administrative-division codes (mca.gov.cn, via public lists). Each entry
below says how it was checked:

* "verified": a published case number with this code names this court.
* "in use": the code appears in real case numbers, but the pairing with the
  court name rests on the administrative-division code only.
* "unverified": derived from the coding rule; no case number found.

Note the province abbreviations of 贵州 (黔, not 贵) and 内蒙古 (内, not 蒙):
both are confirmed by real case numbers, e.g. （2021）黔0303刑初307号
(遵义市汇川区人民法院) and （2024）内0523民初1661号 (开鲁县人民法院).
"""

from typing import Final

# code -> (full name, level)
# level in {"SUPREME","HIGH","INTERMEDIATE","BASIC","SPECIALISED_INTERMEDIATE","SPECIALISED_BASIC"}
COURTS: Final[dict[str, tuple[str, str]]] = {
    "最高法": ("最高人民法院", "SUPREME"),  # verified
    # ---- High courts. Abbreviation seen in real case numbers unless noted.
    "京": ("北京市高级人民法院", "HIGH"),
    "津": ("天津市高级人民法院", "HIGH"),
    "冀": ("河北省高级人民法院", "HIGH"),
    "晋": ("山西省高级人民法院", "HIGH"),
    "内": ("内蒙古自治区高级人民法院", "HIGH"),
    "辽": ("辽宁省高级人民法院", "HIGH"),
    "吉": ("吉林省高级人民法院", "HIGH"),
    "黑": ("黑龙江省高级人民法院", "HIGH"),
    "沪": ("上海市高级人民法院", "HIGH"),
    "苏": ("江苏省高级人民法院", "HIGH"),
    "浙": ("浙江省高级人民法院", "HIGH"),
    "皖": ("安徽省高级人民法院", "HIGH"),
    "闽": ("福建省高级人民法院", "HIGH"),
    "赣": ("江西省高级人民法院", "HIGH"),
    "鲁": ("山东省高级人民法院", "HIGH"),
    "豫": ("河南省高级人民法院", "HIGH"),
    "鄂": ("湖北省高级人民法院", "HIGH"),
    "湘": ("湖南省高级人民法院", "HIGH"),
    "粤": ("广东省高级人民法院", "HIGH"),
    "桂": ("广西壮族自治区高级人民法院", "HIGH"),
    "琼": ("海南省高级人民法院", "HIGH"),
    "渝": ("重庆市高级人民法院", "HIGH"),
    "川": ("四川省高级人民法院", "HIGH"),
    "黔": ("贵州省高级人民法院", "HIGH"),  # 黔, not 贵
    "云": ("云南省高级人民法院", "HIGH"),
    "藏": ("西藏自治区高级人民法院", "HIGH"),  # unverified: no case number found
    "陕": ("陕西省高级人民法院", "HIGH"),
    "甘": ("甘肃省高级人民法院", "HIGH"),
    "青": ("青海省高级人民法院", "HIGH"),
    "宁": ("宁夏回族自治区高级人民法院", "HIGH"),
    "新": ("新疆维吾尔自治区高级人民法院", "HIGH"),
    # 兵 prefix verified via （2020）兵08刑终44号 (兵团第八师中级人民法院).
    "兵": ("新疆维吾尔自治区高级人民法院生产建设兵团分院", "HIGH"),
    "军": ("中国人民解放军军事法院", "HIGH"),  # unverified: no case number found
    # ---- Shanghai: intermediate and specialised courts.
    "沪01": ("上海市第一中级人民法院", "INTERMEDIATE"),  # in use
    "沪02": ("上海市第二中级人民法院", "INTERMEDIATE"),  # verified
    # Cross-region court, founded 2014-12-28 on the base of 上海铁路运输中级法院.
    # 三中院, 上海知识产权法院 and 上海铁路运输中级法院 are one institution
    # with three names (“三块牌子一个机构”), but each name keeps its own code.
    "沪03": ("上海市第三中级人民法院", "INTERMEDIATE"),  # in use
    # Not merged away: still a separate name (see 沪03). No case number with
    # 沪71 was found, so whether it is still used is unverified.
    "沪71": ("上海铁路运输中级法院", "SPECIALISED_INTERMEDIATE"),  # unverified
    "沪72": ("上海海事法院", "SPECIALISED_INTERMEDIATE"),  # verified
    "沪73": ("上海知识产权法院", "SPECIALISED_INTERMEDIATE"),  # verified
    "沪74": ("上海金融法院", "SPECIALISED_INTERMEDIATE"),  # verified
    "沪7101": ("上海铁路运输法院", "SPECIALISED_BASIC"),  # verified
    # ---- Shanghai: district courts.
    "沪0101": ("上海市黄浦区人民法院", "BASIC"),  # verified
    "沪0104": ("上海市徐汇区人民法院", "BASIC"),  # verified
    "沪0105": ("上海市长宁区人民法院", "BASIC"),  # verified
    "沪0106": ("上海市静安区人民法院", "BASIC"),  # verified
    "沪0107": ("上海市普陀区人民法院", "BASIC"),  # verified
    "沪0109": ("上海市虹口区人民法院", "BASIC"),  # verified
    "沪0110": ("上海市杨浦区人民法院", "BASIC"),  # verified
    "沪0112": ("上海市闵行区人民法院", "BASIC"),  # verified
    "沪0113": ("上海市宝山区人民法院", "BASIC"),  # verified
    "沪0114": ("上海市嘉定区人民法院", "BASIC"),  # verified
    "沪0115": ("上海市浦东新区人民法院", "BASIC"),  # verified
    "沪0116": ("上海市金山区人民法院", "BASIC"),  # verified
    "沪0117": ("上海市松江区人民法院", "BASIC"),  # verified
    "沪0118": ("上海市青浦区人民法院", "BASIC"),  # verified
    "沪0120": ("上海市奉贤区人民法院", "BASIC"),  # verified
    # 崇明 became a district in 2016 (310230 -> 310151). 沪0151 is in use,
    # e.g. （2022）沪0151民初8837号. Case numbers from before the court's
    # renaming may use the old county code 沪0230 (none found; unverified).
    "沪0151": ("上海市崇明区人民法院", "BASIC"),  # in use
    # ---- Beijing: intermediate and specialised courts.
    "京01": ("北京市第一中级人民法院", "INTERMEDIATE"),  # in use
    "京02": ("北京市第二中级人民法院", "INTERMEDIATE"),  # in use
    "京03": ("北京市第三中级人民法院", "INTERMEDIATE"),  # in use
    "京04": ("北京市第四中级人民法院", "INTERMEDIATE"),  # verified; cross-region
    "京73": ("北京知识产权法院", "SPECIALISED_INTERMEDIATE"),  # verified
    "京74": ("北京金融法院", "SPECIALISED_INTERMEDIATE"),  # verified
    # ---- Beijing: district courts and the internet court.
    "京0101": ("北京市东城区人民法院", "BASIC"),  # verified
    "京0102": ("北京市西城区人民法院", "BASIC"),  # verified
    "京0105": ("北京市朝阳区人民法院", "BASIC"),  # in use
    "京0106": ("北京市丰台区人民法院", "BASIC"),  # in use
    "京0107": ("北京市石景山区人民法院", "BASIC"),  # verified
    "京0108": ("北京市海淀区人民法院", "BASIC"),  # verified
    "京0109": ("北京市门头沟区人民法院", "BASIC"),  # verified
    "京0111": ("北京市房山区人民法院", "BASIC"),  # in use
    "京0112": ("北京市通州区人民法院", "BASIC"),  # verified
    "京0113": ("北京市顺义区人民法院", "BASIC"),  # verified
    "京0114": ("北京市昌平区人民法院", "BASIC"),  # verified
    "京0115": ("北京市大兴区人民法院", "BASIC"),  # verified
    "京0116": ("北京市怀柔区人民法院", "BASIC"),  # unverified (admin code 110116)
    "京0117": ("北京市平谷区人民法院", "BASIC"),  # verified
    # 密云 and 延庆 became districts together in 2015 (was 110228 / 110229).
    # 京0119 延庆 is verified, so 京0118 is very likely but was not found.
    "京0118": ("北京市密云区人民法院", "BASIC"),  # unverified (admin code 110118)
    "京0119": ("北京市延庆区人民法院", "BASIC"),  # verified
    # Internet courts are basic courts (not 专门法院) with xx9x codes.
    "京0491": ("北京互联网法院", "BASIC"),  # verified
    # ---- Other notable courts.
    "粤73": ("广州知识产权法院", "SPECIALISED_INTERMEDIATE"),  # in use
    "粤0192": ("广州互联网法院", "BASIC"),  # verified
    "浙0192": ("杭州互联网法院", "BASIC"),  # in use
}

PROVINCES: Final[dict[str, str]] = {
    "京": "北京市",
    "津": "天津市",
    "冀": "河北省",
    "晋": "山西省",
    "内": "内蒙古自治区",
    "辽": "辽宁省",
    "吉": "吉林省",
    "黑": "黑龙江省",
    "沪": "上海市",
    "苏": "江苏省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "桂": "广西壮族自治区",
    "琼": "海南省",
    "渝": "重庆市",
    "川": "四川省",
    "黔": "贵州省",
    "云": "云南省",
    "藏": "西藏自治区",
    "陕": "陕西省",
    "甘": "甘肃省",
    "青": "青海省",
    "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区",
    "兵": "新疆生产建设兵团",
    "军": "军队",
}
