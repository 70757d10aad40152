"""Word lists for the fictional parts of the export: enterprise names, people, streets, titles.

Nothing here is reference data: institutions, places and IPC prefixes come from the seeds.
"""

from __future__ import annotations

import random

# brand characters with their pinyin (for English enterprise names)
BRAND_CHARS = {
    "华": "Hua",
    "创": "Chuang",
    "新": "Xin",
    "联": "Lian",
    "德": "De",
    "恒": "Heng",
    "信": "Xin",
    "瑞": "Rui",
    "博": "Bo",
    "泰": "Tai",
    "宏": "Hong",
    "鼎": "Ding",
    "金": "Jin",
    "汇": "Hui",
    "卓": "Zhuo",
    "凯": "Kai",
    "明": "Ming",
    "达": "Da",
    "远": "Yuan",
    "康": "Kang",
    "诺": "Nuo",
    "辰": "Chen",
    "晟": "Sheng",
    "智": "Zhi",
    "嘉": "Jia",
    "立": "Li",
    "盛": "Sheng",
    "迈": "Mai",
    "芯": "Xin",
    "睿": "Rui",
    "普": "Pu",
    "源": "Yuan",
    "和": "He",
    "通": "Tong",
    "兴": "Xing",
    "航": "Hang",
    "思": "Si",
    "威": "Wei",
    "捷": "Jie",
    "佳": "Jia",
    "优": "You",
    "朗": "Lang",
    "宇": "Yu",
    "弘": "Hong",
    "骏": "Jun",
    "晶": "Jing",
    "融": "Rong",
    "启": "Qi",
    "拓": "Tuo",
    "微": "Wei",
    "光": "Guang",
    "邦": "Bang",
    "峰": "Feng",
    "奥": "Ao",
    "赛": "Sai",
    "英": "Ying",
    "锐": "Rui",
    "贝": "Bei",
    "欣": "Xin",
    "越": "Yue",
    "致": "Zhi",
    "科": "Ke",
    "腾": "Teng",
    "昊": "Hao",
    "璟": "Jing",
    "翔": "Xiang",
    "蓝": "Lan",
    "绿": "Lv",
    "澜": "Lan",
    "维": "Wei",
}

SECTORS = (
    ("科技", "Technology"),
    ("生物科技", "Biotechnology"),
    ("电子", "Electronics"),
    ("新材料", "New Materials"),
    ("智能科技", "Intelligent Technology"),
    ("医药", "Pharmaceutical"),
    ("信息技术", "Information Technology"),
    ("半导体", "Semiconductor"),
    ("精密机械", "Precision Machinery"),
    ("光电", "Optoelectronics"),
    ("新能源", "New Energy"),
    ("环保科技", "Environmental Technology"),
    ("软件", "Software"),
    ("通信技术", "Communication Technology"),
    ("自动化", "Automation"),
    ("医疗器械", "Medical Devices"),
    ("化工", "Chemical"),
    ("仪器", "Instruments"),
    ("生物医药", "Biopharma"),
    ("能源科技", "Energy Technology"),
)

FORMS = ("有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "股份有限公司", "有限责任公司")

SURNAMES = (
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 "
    "董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 "
    "邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 司徒"
).split()
GIVEN = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 慧 建 文 辉 玲 志 斌 鹏 宇 浩 凯 晨 "
    "欣 怡 婷 雪 琳 晓 峰 俊 嘉 子 梓 思 雨 泽 彤 锦 博 睿 颖 瑶"
).split()

# street stems for fictional addresses (checked against the gazetteer before use)
STREETS = (
    "科技园路",
    "创新大道",
    "学府路",
    "高新一路",
    "高新二路",
    "科研路",
    "软件路",
    "创业路",
    "兴业大道",
    "科韵路",
    "湖滨路",
    "工业大道",
    "健康路",
    "环城路",
    "金融街",
    "滨海大道",
    "智谷路",
    "启航路",
    "园区路",
    "青年路",
    "文明路",
    "长江路",
    "珠江路",
    "北京路",
    "建设路",
    "人民路",
    "解放路",
)
HK_STREETS = ("科学园路", "大学道", "弥敦道", "德辅道中", "青山公路", "达之路", "科技大道")
HK_STREETS_EN = (
    "Science Park Road",
    "University Road",
    "Nathan Road",
    "Des Voeux Road Central",
    "Castle Peak Road",
    "Tat Chee Avenue",
    "Technology Avenue",
)
MO_STREETS = ("大学大马路", "伟龙马路", "友谊大马路", "新口岸北京街", "高士德大马路")
MO_STREETS_EN = ("Avenida da Universidade", "Avenida Wai Long", "Avenida da Amizade", "Rua de Pequim")

BANKS = (
    "中国工商银行股份有限公司",
    "中国建设银行股份有限公司",
    "中国银行股份有限公司",
    "招商银行股份有限公司",
    "兴业银行股份有限公司",
    "广发银行股份有限公司",
    "中国农业银行股份有限公司",
    "交通银行股份有限公司",
)

ASSET_SUFFIXES = ("资产经营有限公司", "科技园发展有限公司", "产业集团有限公司", "技术转移有限公司", "控股有限公司")

# titles: per broad field, adjectives and subjects; "一种{adj}{subject}{ending}"
TITLE_WORDS = {
    "bio": (
        ("抗肿瘤", "靶向", "缓释", "口服", "注射用", "重组", "高纯度", "水溶性"),
        ("化合物", "多肽", "单克隆抗体", "药物组合物", "中药提取物", "纳米制剂", "疫苗", "小分子抑制剂", "融合蛋白"),
    ),
    "med": (
        ("微创", "可穿戴", "智能", "一次性", "便携式", "多功能"),
        ("手术器械", "导管", "监护设备", "康复训练装置", "超声探头", "给药装置", "影像诊断系统"),
    ),
    "semi": (
        ("低功耗", "高压", "三维", "宽禁带", "高可靠", "集成化"),
        ("半导体器件", "存储单元", "功率模块", "芯片封装结构", "晶体管", "驱动电路", "外延片", "电容器", "连接器"),
    ),
    "it": (
        ("分布式", "基于深度学习的", "自适应", "多模态", "轻量化", "安全的", "实时"),
        ("数据处理", "任务调度", "图像识别", "身份认证", "推荐", "信号传输", "资源分配", "语音识别"),
    ),
    "disp": (
        ("柔性", "高分辨率", "低功耗", "透明", "曲面"),
        ("显示面板", "背光模组", "像素电路", "发光器件", "视频编码"),
    ),
    "mat": (
        ("高强度", "耐高温", "柔性", "多孔", "导电", "可降解", "二维", "复合"),
        ("石墨烯材料", "涂层", "合金", "陶瓷材料", "聚合物薄膜", "催化剂", "电极材料", "纤维", "胶粘剂"),
    ),
    "energy": (
        ("高能量密度", "长寿命", "高效", "智能", "模块化"),
        ("锂离子电池", "储能系统", "光伏组件", "逆变器", "电解槽", "充电桩", "电网调度"),
    ),
    "food": (("富硒", "低糖", "抗病", "高产", "功能性"), ("水稻品种", "饲料添加剂", "保鲜剂", "发酵食品", "生物农药")),
    "mfg": (
        ("智能", "高精度", "自动", "多轴", "模块化", "节能型", "便携式", "新型"),
        ("加工设备", "机械臂", "检测装置", "夹具", "传动机构", "控制系统", "输送装置", "传感器", "无人机"),
    ),
}
TITLE_ENDINGS = {
    "bio": ("及其制备方法", "及其应用", "的制备方法", "及其在制备药物中的应用", ""),
    "it": ("方法及系统", "方法、装置、设备及存储介质", "系统", "方法及装置"),
    "mat": ("及其制备方法", "的制备方法与应用", "", "及其应用"),
    "food": ("及其制备方法", "的培育方法", "及其应用"),
}
DEFAULT_ENDINGS = ("", "及其控制方法", "的制造方法", "及系统", "及其测试方法")
DEVICE_WORDS = ("装置", "结构", "设备", "组件")
# industry (by its English name in ref_industries) -> title field
FIELD_KEYWORDS = (
    ("biomedicine", "bio"),
    ("synthetic", "bio"),
    ("medical", "med"),
    ("semiconductor", "semi"),
    ("electronic", "semi"),
    ("software", "it"),
    ("intelligence", "it"),
    ("blockchain", "it"),
    ("network", "it"),
    ("digital", "it"),
    ("display", "disp"),
    ("material", "mat"),
    ("chemical", "mat"),
    ("textile", "mat"),
    ("energy", "energy"),
    ("batter", "energy"),
    ("grid", "energy"),
    ("agricultur", "food"),
)


def title_field(industry_en: str) -> str:
    low = industry_en.lower()
    return next((f for k, f in FIELD_KEYWORDS if k in low), "mfg")


def brand(rng: random.Random) -> str:
    a, b = rng.sample(list(BRAND_CHARS), 2)
    return a + b


def brand_en(b: str) -> str:
    return "".join(BRAND_CHARS[c] if i == 0 else BRAND_CHARS[c].lower() for i, c in enumerate(b))


def person(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def title(rng: random.Random, field: str, digit: int) -> str:
    adjs, subjects = TITLE_WORDS[field if digit in (1, 8) or field in ("med", "semi", "energy", "mfg") else "mfg"]
    subject = rng.choice(adjs) + rng.choice(subjects)
    if digit in (2, 9):  # utility models protect devices
        return f"一种{subject}" if subject.endswith(DEVICE_WORDS) else f"一种{subject}{rng.choice(DEVICE_WORDS)}"
    if digit == 3:
        return f"{subject}外壳"
    return f"一种{subject}{rng.choice(TITLE_ENDINGS.get(field, DEFAULT_ENDINGS))}"
