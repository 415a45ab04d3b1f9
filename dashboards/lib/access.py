"""Who may see what: roles, the pages of each role and the data scope every query is filtered by.

Deny by default: a role sees only the pages listed for it in ``ROLE_PAGES``, and a ``Scope``
that names no unit and no NIP matches no row at all. The scope is applied in SQL by every
function of ``dashboards.lib.data`` (eperf.scoping: unit subtree via ``dim_org_unit.path``, NIP
equality), so a page cannot widen it with the parameters it passes. Pure Python, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The dashboard roles."""

    MENTERI = "MENTERI"  # the whole ministry, personal data included
    PIMPINAN = "PIMPINAN"  # own unit subtree, personal data included
    PERENCANA = "PERENCANA"  # own unit subtree, no personal data
    EVALUATOR_RB = "EVALUATOR_RB"  # aggregates of a subtree only: no NIP, no name
    PEGAWAI = "PEGAWAI"  # own statement only, by NIP
    ADMIN_DATA = "ADMIN_DATA"  # data-quality pages only, no business data


class PageId(StrEnum):
    RINGKASAN = "ringkasan"
    TELUSURI = "telusuri"
    PEGAWAI = "pegawai"
    TIM = "tim"
    KUALITAS = "kualitas"
    OUTPUT_ANGGARAN = "output"
    PENGEMBANGAN = "pengembangan"
    KEDISIPLINAN = "kedisiplinan"
    KINERJA = "kinerja"
    BEBAN_KERJA = "beban_kerja"
    PROMOSI = "promosi"
    INDIKATOR_RB = "indikator_rb"


# The pages of each role, the first one being the role's landing page. PIMPINAN sees every
# leadership page for its subtree and its people's work (Tim saya: reports, the review queue);
# PERENCANA the staffing pages, aggregates only; EVALUATOR_RB the indicators and the aggregate
# pages, never a NIP or a name (the employees of a development-grid cell only where
# Scope.may_see_personal, checked in dashboards.lib.data).
_LEADERSHIP_PAGES = (
    PageId.KEDISIPLINAN,
    PageId.KINERJA,
    PageId.BEBAN_KERJA,
    PageId.PROMOSI,
    PageId.INDIKATOR_RB,
    PageId.OUTPUT_ANGGARAN,
    PageId.PENGEMBANGAN,
)
ROLE_PAGES: dict[Role, tuple[PageId, ...]] = {
    Role.MENTERI: (
        PageId.RINGKASAN,
        PageId.TELUSURI,
        PageId.PEGAWAI,
        PageId.TIM,
        PageId.KUALITAS,
        *_LEADERSHIP_PAGES,
    ),
    Role.PIMPINAN: (
        PageId.RINGKASAN,
        PageId.TELUSURI,
        PageId.PEGAWAI,
        PageId.TIM,
        *_LEADERSHIP_PAGES,
    ),
    Role.PERENCANA: (
        PageId.RINGKASAN,
        PageId.TELUSURI,
        PageId.BEBAN_KERJA,
        PageId.OUTPUT_ANGGARAN,
        PageId.PENGEMBANGAN,
    ),
    Role.EVALUATOR_RB: (PageId.RINGKASAN, PageId.TELUSURI, *_LEADERSHIP_PAGES),
    Role.PEGAWAI: (PageId.PEGAWAI,),
    Role.ADMIN_DATA: (PageId.KUALITAS,),
}

# Roles that see aggregates only: a group (unit, subtree, scope) with fewer employees than this
# shows no figure that could be traced to a person (its headcount only); applied in SQL by
# dashboards/lib/data/suppression.sql.
SMALL_GROUP_MIN_EMPLOYEES = 5
SUPPRESSING_ROLES = frozenset({Role.PERENCANA, Role.EVALUATOR_RB})

# Roles that may read the quarantined source rows themselves (their raw text holds personal
# data) and the employee-months they mark (by NIP): the data team. MENTERI sees the
# data-quality page's aggregates only (counts by source, table and reason, checks, loads).
QUARANTINE_DETAIL_ROLES = frozenset({Role.ADMIN_DATA})

# Roles whose account must name a unit (the root of the subtree they see) or an NIP.
ROLES_NEEDING_UNIT = frozenset({Role.PIMPINAN, Role.PERENCANA, Role.EVALUATOR_RB})
ROLES_NEEDING_NIP = frozenset({Role.PEGAWAI})


@dataclass(frozen=True)
class Scope:
    """The rows one signed-in user may read; an argument of every data function.

    ``unit_id``: root of the unit subtree the user may see (ignored for MENTERI, who sees all);
    ``nip``: the user's own NIP, whose statement they may always read;
    ``may_see_personal``: whether rows of other employees (NIP, name, per-person figures) of
    the subtree may be returned. A scope with neither a unit nor an NIP returns nothing.
    """

    role: Role
    unit_id: str | None = None
    nip: str | None = None
    may_see_personal: bool = False

    @property
    def all_units(self) -> bool:
        return self.role == Role.MENTERI

    @property
    def suppress_small_groups(self) -> bool:
        """Whether groups under SMALL_GROUP_MIN_EMPLOYEES are suppressed (aggregate-only roles)."""
        return self.role in SUPPRESSING_ROLES

    @property
    def may_see_quality(self) -> bool:
        return PageId.KUALITAS in ROLE_PAGES.get(self.role, ())

    @property
    def may_see_quarantine_rows(self) -> bool:
        """Whether the quarantined rows (raw text, detail, scope) and the marked employee-months
        (NIP) may be returned: the data team only, never a business role."""
        return self.may_see_quality and self.role in QUARANTINE_DETAIL_ROLES


def scope_for(role: Role, unit_id: str | None, nip: str | None) -> Scope:
    """The scope of an account: what each role may see, from its unit and NIP."""
    if role == Role.MENTERI:
        return Scope(role, None, nip, may_see_personal=True)
    if role == Role.PIMPINAN:
        return Scope(role, unit_id, nip, may_see_personal=True)
    if role in (Role.PERENCANA, Role.EVALUATOR_RB):
        return Scope(role, unit_id, None, may_see_personal=False)
    if role == Role.PEGAWAI:
        return Scope(role, None, nip, may_see_personal=False)
    return Scope(Role.ADMIN_DATA)  # data quality only: no unit, no NIP


def pages_for(role: Role) -> tuple[PageId, ...]:
    """The pages a role may open (none for an unknown role)."""
    return ROLE_PAGES.get(role, ())


def may_open(role: Role, page: PageId) -> bool:
    return page in pages_for(role)
