"""The fictitious demo cohort (pac demo-data, pac-desktop --demo, tests, bench).

Built by the entry points on top of the services (``DemoDataService(services.ctx)``), never by
``Services.build``: the running application has no need of a generator of fake people.
"""

from .generator import (
    DEMO_COMMITTEE_LOGIN,
    DEMO_EVALUATOR_LOGIN,
    DEMO_LOGIN,
    DEMO_PASSWORD,
    DEMO_REGIONAL_LOGIN,
    DEMO_SETTING_KEY,
    DemoDataService,
)

__all__ = [
    "DEMO_COMMITTEE_LOGIN",
    "DEMO_EVALUATOR_LOGIN",
    "DEMO_REGIONAL_LOGIN",
    "DEMO_LOGIN",
    "DEMO_PASSWORD",
    "DEMO_SETTING_KEY",
    "DemoDataService",
]
