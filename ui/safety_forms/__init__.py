"""The inputs of 党建+安全生产, one module per page they sit on: ``figures`` (安全生产填报's two grids),
``units`` (基础数据's 区队与生产指标) and ``pioneers`` (月度填报's 先锋岗/责任区); pages use
``safety_forms.<name>``."""

from ui.safety_forms.figures import PRODUCTION, SAFETY
from ui.safety_forms.pioneers import pioneer_section
from ui.safety_forms.units import units_section

__all__ = ["PRODUCTION", "SAFETY", "pioneer_section", "units_section"]
