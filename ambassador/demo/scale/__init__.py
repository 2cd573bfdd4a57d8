"""A whole, realistic record at a chosen size, written by PostgreSQL itself (``manage.py seed_scale``).

Every table is filled with ``INSERT ... SELECT`` over ``generate_series``: no row passes through
Python, so a million commitments take minutes, not hours. The graph is whole: cities in many time
zones, tech companies and other organisations (some with parents, some without a register id),
public officials, public figures and private people with dated affiliations (a few through the
revolving door), lobbying disclosures, envoys and council staff of every city, negotiations in
every stage (announced or not), meetings in every confidentiality and review state (confidential
ones released and still embargoed, some held outside any negotiation) with their attendees and
organisations, commitments at every completion level and review state with due dates past and
future, progress reports and due-date moves, and overdue and due-soon flags.

Every value is drawn from a hash of the row number and the seed (``hashint8extended``), never from
``random()``: the same seed and the same day give the same record, whatever order PostgreSQL runs
the statements in. Dates are laid around ``today``. The rows satisfy every check constraint and
trigger of the schema, and the rules the models' ``clean()`` holds (a meeting in a negotiation is of
its city, a source meeting is of the commitment's negotiation, a complete commitment has evidence,
a record is published by someone other than who logged it).

Ids are given explicitly (each table is emptied with its sequence restarted), so one table's rows
find another's by arithmetic instead of a lookup: meeting ``j`` of the first ``in_negotiation``
meetings belongs to negotiation ``1 + (j - 1) % negotiations``, city ``c``'s first envoy is user
``2 + 5 (c - 1)``, and so on. The history tables (django-simple-history) are left empty.

``vocabulary`` holds the words and the id layout, ``sizes`` the proportions, ``draws`` the SQL that
draws one value, ``builder`` the stages.
"""

from .builder import ScaleBuilder
from .sizes import FILLED_TABLES, TABLES, ScaleBuildError, Sizes, chunks

__all__ = ["FILLED_TABLES", "TABLES", "ScaleBuildError", "ScaleBuilder", "Sizes", "chunks"]
