from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

from ambassador.core import keyset


class StaffCursorPagination(CursorPagination):
    """Cursor pagination: stable and constant-cost however deep the client pages.

    The cursor holds the position of a row as the values of every ordering term, ending with the
    id, so it is unique: rows with equal values (e.g. the same stage) never appear on two pages or
    on none, in either direction. DRF's own cursor keeps only the first term plus an offset, which
    skips and repeats rows when values tie and fails on an empty value. Empty values sort after
    all others (where PostgreSQL puts NULL in ascending order), through a coalesced annotation.
    Every ordering a viewset offers has an index on the same terms (see ``ambassador.core.keyset``),
    so a deep page reads the index from its position instead of sorting the table.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"
    invalid_cursor_message = _("Invalid cursor")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        queryset, self.ordering = keyset.positional(queryset, self.get_ordering(request, queryset, view))
        reverse, position = self._decode(request)

        terms = keyset.reversed_terms(self.ordering) if reverse else self.ordering
        try:
            if position is not None:
                keyset.valid_position(position, terms)
            results = keyset.rows_after(queryset, terms, position, self.page_size + 1)
        except keyset.InvalidCursor as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        self.page = results[: self.page_size]
        more = len(results) > self.page_size
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, more
        else:
            self.has_next, self.has_previous = more, position is not None
        self.display_page_controls = bool(self.has_next or self.has_previous) and self.template is not None
        return self.page

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self._link(reverse=False, instance=self.page[-1])

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self._link(reverse=True, instance=self.page[0])

    def _link(self, *, reverse: bool, instance) -> str:
        encoded = keyset.encode({"r": reverse, "p": keyset.position_of(instance, self.ordering)})
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def _decode(self, request) -> tuple[bool, list[str] | None]:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return False, None
        try:
            token = keyset.decode(encoded)
            reverse, position = token["r"], token["p"]
        except (keyset.InvalidCursor, TypeError, KeyError) as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        if not isinstance(reverse, bool):
            raise NotFound(self.invalid_cursor_message)
        return reverse, position
