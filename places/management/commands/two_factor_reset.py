from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from places.services import totp_device_remove


class Command(BaseCommand):
    help = "Remove a staff member's code app (lost phone): they sign in with the password, then set it up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        removed = totp_device_remove(user=user)
        self.stdout.write(f"Đã gỡ {removed} ứng dụng xác thực của {username}.")
