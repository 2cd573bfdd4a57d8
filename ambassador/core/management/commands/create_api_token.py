"""``manage.py create_api_token <username> --name "nightly export" [--days 30]``: a staff API token for scripts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ambassador.core.services import api_token_create


class Command(BaseCommand):
    help = (
        "Creates a staff API token for a login and prints its key, which is stored nowhere else. "
        "The token is created as if by the login itself, so it follows the same rules as the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. the script using it.")
        parser.add_argument("--days", type=int, help="Days until it expires (default: AMBASSADOR_API_TOKEN_DAYS).")

    def handle(self, *args, username, name, days, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No login named {username!r}.") from error
        try:
            token, key = api_token_create(owner=user, name=name, by=user, valid_for_days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(f"{user} may not hold a token: only envoys, council staff and superusers do.") from error
        self.stderr.write(f"Token {token.name!r} of {user} expires at {token.expiry:%Y-%m-%d %H:%M} UTC.")
        self.stdout.write(key)
