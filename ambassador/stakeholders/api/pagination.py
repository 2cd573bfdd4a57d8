from rest_framework.pagination import CursorPagination


class StaffCursorPagination(CursorPagination):
    """Cursor pagination: stable and constant-cost however deep the client pages."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"
