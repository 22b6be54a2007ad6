"""Plausible Chinese personal names for demo members, drawn from a seeded random generator."""

import random

# Common surnames, roughly by frequency (repeated entries weigh more), and a few compound ones.
_COMMON_SURNAMES = (
    "王王王王李李李李张张张张刘刘刘陈陈陈杨杨赵赵黄黄周周吴吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董"
    "萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康"
    "毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文牛樊葛邢安齐庞申霍闫聂耿"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容")

_MALE_CHARS = (
    "伟强军勇磊涛斌鹏刚杰峰辉明超亮浩波健宇鑫亮志国建华平东海林彬振晓新立永成文俊峻凯旭阳"
    "正德兴福贵宝庆春占广金山江长世忠宏兵利民刚毅泽锋"
)
_FEMALE_CHARS = "丽红梅芳娟秀英玲燕霞艳敏静婷慧琳颖雪洁萍莉晶倩莹丹兰"


def _given_name(rng: random.Random, female: bool) -> str:
    chars = _FEMALE_CHARS if female else _MALE_CHARS
    if rng.random() < 0.3:
        return rng.choice(chars)
    first = rng.choice(chars)
    second = rng.choice(chars)
    while second == first:
        second = rng.choice(chars)
    return first + second


def make_name(rng: random.Random, *, female: bool = False) -> str:
    """A full name: surname (now and then a compound one) and a one- or two-character given name."""
    surname = rng.choice(_COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(_COMMON_SURNAMES)
    return surname + _given_name(rng, female)


class NameBook:
    """Hands out names that are unique across the whole seed (real rosters repeat names; demos should not)."""

    def __init__(self, rng: random.Random, reserved: set[str] = frozenset()) -> None:
        self._rng = rng
        self._used = set(reserved)

    def take(self, *, female: bool = False) -> str:
        while True:
            name = make_name(self._rng, female=female)
            if name not in self._used:
                self._used.add(name)
                return name
