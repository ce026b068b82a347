"""Apply the privacy notice's retention period: `python manage.py learners_anonymise_inactive [--dry-run]`.

Run it daily (cron or a systemd timer). Learners with no activity for LEARNER_RETENTION_MONTHS lose their name
and year of birth and the link to their phone's cookie; their village and facts stay, so figures do not change.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from learners.selectors import learners_inactive, retention_cutoff
from learners.services import learners_anonymise_inactive


class Command(BaseCommand):
    help = "Anonymise learners inactive for longer than the privacy notice says (LEARNER_RETENTION_MONTHS)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count them; change nothing")

    def handle(self, *args, dry_run: bool, **options):
        now = timezone.now()
        cutoff = timezone.localtime(retention_cutoff(now=now))
        period = f"no activity since {cutoff:%Y-%m-%d %H:%M} ({settings.LEARNER_RETENTION_MONTHS} months)"
        if dry_run:
            count = learners_inactive(now=now).count()
            self.stdout.write(f"Dry run: {count} learner(s) would be anonymised, {period}. Nothing changed.")
            return
        count = learners_anonymise_inactive(now=now)
        self.stdout.write(f"Anonymised {count} learner(s), {period}.")
