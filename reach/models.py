"""Rollups behind the reach dashboard: small tables kept current by the code that writes the facts.

Every figure on the dashboard is a sum over rows of these tables, so it stays fast over a province's year
(1,000,000 check-ins and 1,000,000 quiz attempts) and equal to a recount from the raw tables:

- `SessionDay` and `QuizTheme` say which day (in Asia/Ho_Chi_Minh) and theme a class's or a quiz's facts
  count under. A whole class counts on the day it was scheduled to start, so one that runs past midnight is
  not split in two.
- `VillageDay`: what happened in one village on one day under one theme (check-ins, finished attempts,
  passes, course completions; a row with only zeros means one of its points connected to a class), and
  `CommuneDay`, the same summed per commune, for the province screen.
- `LearnerDay`: one row per learner, day, village and theme they were active (checked in or finished a
  quiz), for counting each learner once.
- `CommuneSession`: a class reached a commune (a point there connected, or a villager of it checked in).

A village is reached in a range when it has a VillageDay row there: one index probe per village. Unique
learners are too many to probe, so their count is made additive by chaining: each LearnerDay row keeps the
day of the same learner's previous row in the same commune (province), in order of day. Within [start, end],
exactly one row per learner has no previous day or one before `start`, so counting those rows counts each
learner once, and the count adds up over communes and days.
"""

from datetime import date

from django.db import models

from learners.models import Learner
from livesessions.models import LiveSession
from places.models import Commune, Province, Village
from quizzes.models import QuizPage

NO_THEME = ""  # a class with no course, or a quiz outside any course: counted under "all themes" only


class SessionDay(models.Model):
    """The day and theme a live class's facts count under, as the rollups last used them."""

    session = models.OneToOneField(LiveSession, on_delete=models.CASCADE, primary_key=True, related_name="reach_day")
    day = models.DateField()
    theme = models.CharField(max_length=30, blank=True)
    # Its points' connections and head count are in CommunePresence (see there).
    presences_settled = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["day", "theme"], name="reach_sessionday_day")]

    def __str__(self):
        return f"{self.session_id} {self.day} {self.theme}"


class CommunePresence(models.Model):
    """A closed class's point connections and head count in one commune, for the province screen.

    Written by the first reader once the class has been closed a few minutes (no heartbeat can land after
    that), and dropped again when a late head count is entered, the class reopens or moves; until then, and
    for classes still running, readers sum PointPresence itself. Heartbeats never write here.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    connections = models.PositiveIntegerField()
    headcount = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "commune"], name="reach_one_commune_presence")]
        indexes = [models.Index(fields=["province", "session"], name="reach_communepresence_province")]

    def __str__(self):
        return f"{self.session_id} {self.commune_id}: {self.connections} / {self.headcount}"


class QuizTheme(models.Model):
    """The theme a quiz's attempts count under (its course's), as the rollups last used it."""

    quiz = models.OneToOneField(QuizPage, on_delete=models.CASCADE, primary_key=True, related_name="reach_theme")
    theme = models.CharField(max_length=30, blank=True)

    def __str__(self):
        return f"{self.quiz_id} {self.theme}"


class DayCounts(models.Model):
    """What a day's facts add up to: check-ins, finished quiz attempts, passes, course completions."""

    checkins = models.PositiveIntegerField(db_default=0)
    attempts = models.PositiveIntegerField(db_default=0)
    passed = models.PositiveIntegerField(db_default=0)
    completions = models.PositiveIntegerField(db_default=0)

    class Meta:
        abstract = True


class VillageDay(DayCounts):
    """One village's activity on one day under one theme; a row at all means the village was reached."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+", db_index=False)
    # The village's commune and province, copied so an area's rows are one index range away.
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    theme = models.CharField(max_length=30, blank=True)

    class Meta:
        # The unique index (village, day, theme) also answers "was this village reached in the range?".
        constraints = [models.UniqueConstraint(fields=["village", "day", "theme"], name="reach_one_village_day")]
        indexes = [models.Index(fields=["commune", "day"], name="reach_villageday_commune")]

    def __str__(self):
        return f"{self.village_id} {self.day} {self.theme}"


class CommuneDay(DayCounts):
    """The sum of a commune's VillageDay rows for one day and theme: the province screen reads these."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    theme = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "day", "theme"], name="reach_one_commune_day")]
        indexes = [models.Index(fields=["province", "day"], name="reach_communeday_province")]

    def __str__(self):
        return f"{self.commune_id} {self.day} {self.theme}"


# The rollups' foreign keys get no index of their own: each is the first column of a composite index
# already (or, for LearnerDay's village, only read with its commune), and every index costs the hot path.


class LearnerDay(models.Model):
    """A learner was active on a day, in a village (theirs at the time), under a theme.

    Deleting the learner deletes these rows: a deleted learner is no longer counted among unique learners,
    while their check-ins and attempts still count (the raw rows stay, with the learner emptied).
    """

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+", db_index=False)
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+", db_index=False)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    theme = models.CharField(max_length=30, blank=True)
    # The learner's previous row in the same commune / province, over all themes and in the same theme.
    prev_day_in_commune = models.DateField(null=True)
    prev_day_in_commune_theme = models.DateField(null=True)
    prev_day_in_province = models.DateField(null=True)
    prev_day_in_province_theme = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "day", "village", "theme"], name="reach_one_learner_day")
        ]
        # Every column the province screen reads is in the index, so PostgreSQL answers from it alone.
        indexes = [
            models.Index(
                fields=[
                    "province",
                    "day",
                    "commune",
                    "theme",
                    "prev_day_in_commune",
                    "prev_day_in_province",
                    "prev_day_in_commune_theme",
                    "prev_day_in_province_theme",
                ],
                name="reach_learnerday_province",
            ),
            models.Index(fields=["commune", "day"], name="reach_learnerday_commune"),
        ]

    def __str__(self):
        return f"{self.learner_id} {self.day} {self.theme}"


class CommuneSession(models.Model):
    """A live class reached a commune: one of its points connected, or one of its villagers checked in."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+", db_index=False)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "session"], name="reach_one_commune_session")]
        indexes = [models.Index(fields=["province", "session"], name="reach_communesession_province")]

    def __str__(self):
        return f"{self.commune_id} {self.session_id}"


ALL_THEMES = "*"  # LearnerCount's theme for the chains that run over every theme
NO_PREVIOUS = date(1, 1, 1)  # LearnerCount's prev_day for a learner's first row in the area


class LearnerCount(models.Model):
    """LearnerDay rows of settled days counted by area, day, theme and previous day.

    The province screen sums these instead of reading a year of LearnerDay rows. Only days up to
    `LearnerCountSettled.up_to` are here; later days (today's classes) are read from LearnerDay itself, so
    the hot path of a check-in never touches these shared rows.
    """

    level = models.CharField(max_length=8)  # "commune" or "province"
    area_id = models.PositiveIntegerField()  # the commune's or the province's id
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    theme = models.CharField(max_length=30)
    prev_day = models.DateField()
    learners = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["level", "area_id", "day", "theme", "prev_day"], name="reach_one_learner_count"
            )
        ]
        # Holds every column the province screen reads, so PostgreSQL answers from the index alone.
        indexes = [
            models.Index(
                fields=["province", "theme", "day", "prev_day", "level", "area_id", "learners"],
                name="reach_learnercount_province",
            )
        ]

    def __str__(self):
        return f"{self.level} {self.area_id} {self.day} {self.theme} {self.prev_day}: {self.learners}"


class LearnerCountSettled(models.Model):
    """The last day LearnerCount holds (one row; none yet: nothing settled)."""

    up_to = models.DateField(null=True)

    def __str__(self):
        return str(self.up_to)
